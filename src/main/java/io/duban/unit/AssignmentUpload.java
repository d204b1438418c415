package io.duban.unit;

import io.duban.plan.PlanItem;
import io.duban.plan.PlanService;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Validates an uploaded responsibilities sheet as a whole and applies it all or nothing; the API
 * and the dashboard's upload page both hand their file to it.
 */
@Service
public class AssignmentUpload {

  /** The sheet's header, in order: 编号, 牵头单位, 配合单位, 完成时限, 序时进度, 责任领导, 责任人. */
  public static final List<String> HEADERS = AssignmentSheet.HEADERS;

  /** Upload limit; a responsibilities sheet is a few kilobytes. */
  static final int MAX_BYTES = 5 * 1024 * 1024;

  private final PlanService plans;
  private final UnitService units;
  private final AssignmentImport importer;

  AssignmentUpload(PlanService plans, UnitService units, AssignmentImport importer) {
    this.plans = plans;
    this.units = units;
    this.importer = importer;
  }

  /** The uploaded file's problems when there are any (nothing stored), else what was stored. */
  public Mono<SheetOutcome> upload(FilePart file) {
    return bytes(file)
        .flatMap(this::upload)
        .onErrorResume(
            DataBufferLimitException.class,
            e ->
                Mono.just(
                    new SheetOutcome(
                        List.of(),
                        List.of(
                            new SheetProblem(
                                1, "文件超过 " + (MAX_BYTES >> 20) + " MB，请删去空行空列或拆分后再导入")))));
  }

  /** The sheet's problems when there are any (nothing stored), else the stored assignments. */
  Mono<SheetOutcome> upload(byte[] xlsx) {
    return Mono.zip(
            plans.leaves().map(PlanItem::code).collect(Collectors.toSet()),
            units.units().collectList())
        .publishOn(Schedulers.boundedElastic())
        .map(t -> AssignmentSheet.read(xlsx, t.getT1(), t.getT2()))
        .flatMap(
            result ->
                result.valid()
                    ? importer.replace(result.assignments()).thenReturn(result)
                    : Mono.just(result));
  }

  private static Mono<byte[]> bytes(FilePart part) {
    return DataBufferUtils.join(part.content(), MAX_BYTES)
        .map(
            buffer -> {
              byte[] bytes = new byte[buffer.readableByteCount()];
              buffer.read(bytes);
              DataBufferUtils.release(buffer);
              return bytes;
            });
  }
}
