package io.duban.unit;

import io.duban.chat.Platform;
import io.duban.plan.PlanService;
import io.duban.system.DomainException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Units read API, and the admin API that keeps units and responsibilities current. */
@RestController
@RequestMapping("/api/v1")
class UnitController {

  private final UnitService units;
  private final UnitRepository repository;
  private final PlanService plans;

  UnitController(UnitService units, UnitRepository repository, PlanService plans) {
    this.units = units;
    this.repository = repository;
    this.plans = plans;
  }

  @Operation(summary = "列出全部单位及其联络员和群")
  @GetMapping("/units")
  Flux<UnitView> list() {
    return Mono.zip(
            units.allContacts().collectList(),
            units.allGroups().collectList(),
            units.assignments().collectList())
        .flatMapMany(t -> units.units().map(u -> UnitView.of(u, t.getT1(), t.getT2(), t.getT3())));
  }

  @Operation(summary = "查看一个单位")
  @GetMapping("/units/{code}")
  Mono<UnitView> one(@PathVariable String code) {
    return units
        .unit(code)
        .switchIfEmpty(Mono.error(DomainException.notFound("no unit with code " + code)))
        .flatMap(
            u ->
                Mono.zip(
                        units.contacts(code).collectList(),
                        units.groups(code).collectList(),
                        units.assignments().collectList())
                    .map(t -> UnitView.of(u, t.getT1(), t.getT2(), t.getT3())));
  }

  @Operation(summary = "新建或修改单位")
  @PutMapping("/units/{code}")
  Mono<Unit> put(@PathVariable String code, @Valid @RequestBody UnitBody body) {
    if (!code.matches("[a-z0-9][a-z0-9_-]{0,39}")) {
      return Mono.error(
          DomainException.badRequest(
              "a unit code is lower-case letters, digits, - or _ (at most 40)"));
    }
    Unit unit = new Unit(code, body.name().strip(), body.kind());
    return repository
        .upsertUnit(unit, 1000)
        .thenReturn(unit)
        .onErrorMap(
            org.springframework.dao.DataIntegrityViolationException.class,
            e ->
                new DomainException(
                    HttpStatus.CONFLICT,
                    "CONFLICT",
                    "another unit is already named " + unit.name()));
  }

  @Operation(summary = "为单位添加联络员")
  @PostMapping("/units/{code}/contacts")
  @ResponseStatus(HttpStatus.CREATED)
  Mono<Contact> addContact(@PathVariable String code, @Valid @RequestBody ContactBody body) {
    if (body.leaveFrom() != null
        && body.leaveUntil() != null
        && body.leaveUntil().isBefore(body.leaveFrom())) {
      return Mono.error(DomainException.badRequest("leaveUntil is before leaveFrom"));
    }
    return requireUnit(code)
        .then(
            body.deputyId() == null
                ? Mono.just(true)
                : units
                    .contact(body.deputyId())
                    .map(d -> d.unitCode().equals(code))
                    .defaultIfEmpty(false))
        .flatMap(
            deputyOk ->
                deputyOk
                    ? repository.insertContact(
                        new Contact(
                            0,
                            code,
                            body.name().strip(),
                            body.platform(),
                            body.userId().strip(),
                            body.role() == null ? ContactRole.CONTACT : body.role(),
                            body.leaveFrom(),
                            body.leaveUntil(),
                            body.deputyId()))
                    : Mono.error(
                        DomainException.badRequest("the deputy must be a contact of " + code)))
        .onErrorMap(
            org.springframework.dao.DataIntegrityViolationException.class,
            e ->
                new DomainException(
                    HttpStatus.CONFLICT,
                    "CONFLICT",
                    body.platform() + " user " + body.userId() + " is already a contact"));
  }

  @Operation(summary = "删除联络员")
  @DeleteMapping("/contacts/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> deleteContact(@PathVariable long id) {
    return repository
        .deleteContact(id)
        .flatMap(
            n -> n == 0 ? Mono.error(DomainException.notFound("no contact " + id)) : Mono.empty());
  }

  @Operation(summary = "为单位添加工作群")
  @PostMapping("/units/{code}/groups")
  @ResponseStatus(HttpStatus.CREATED)
  Mono<GroupChat> addGroup(@PathVariable String code, @Valid @RequestBody GroupBody body) {
    return requireUnit(code)
        .then(
            repository.insertGroup(
                new GroupChat(0, code, body.platform(), body.bot(), body.chatId(), body.name())))
        .onErrorMap(
            org.springframework.dao.DataIntegrityViolationException.class,
            e ->
                new DomainException(
                    HttpStatus.CONFLICT,
                    "CONFLICT",
                    "that group chat is already registered for " + code));
  }

  @Operation(summary = "设置任务分工（牵头、配合、时限、序时进度）")
  @PutMapping("/assignments/{itemCode}")
  Mono<Assignment> assign(@PathVariable String itemCode, @Valid @RequestBody AssignmentBody body) {
    Assignment assignment =
        new Assignment(
            itemCode,
            body.lead(),
            body.support(),
            body.deadline(),
            body.milestones() == null
                ? List.of()
                : body.milestones().stream()
                    .map(m -> new Milestone(m.date(), m.percent(), m.note()))
                    .toList(),
            body.leader(),
            body.owner());
    return plans
        .item(itemCode)
        .then(requireUnit(assignment.leadUnit()))
        .thenMany(Flux.fromIterable(assignment.supportUnits()).concatMap(this::requireUnit))
        .then(repository.currentItemId(itemCode))
        .flatMap(id -> repository.replaceAssignment(id, assignment))
        .then(units.assignment(itemCode));
  }

  private Mono<Unit> requireUnit(String code) {
    return units
        .unit(code)
        .switchIfEmpty(Mono.error(DomainException.notFound("no unit with code " + code)));
  }

  record UnitBody(@NotBlank String name, @NotNull UnitKind kind) {}

  record ContactBody(
      @NotBlank String name,
      @NotNull Platform platform,
      @NotBlank @Pattern(regexp = "[^\\s]{1,128}") String userId,
      ContactRole role,
      LocalDate leaveFrom,
      LocalDate leaveUntil,
      Long deputyId) {}

  record GroupBody(
      @NotNull Platform platform, @NotBlank String bot, @NotBlank String chatId, String name) {}

  record MilestoneBody(@NotNull LocalDate date, @Min(0) @Max(100) int percent, String note) {}

  /**
   * An item's responsibilities; {@code leader} (责任领导) and {@code owner} (责任人) are optional text.
   */
  record AssignmentBody(
      @NotBlank String lead,
      List<String> support,
      LocalDate deadline,
      List<@Valid MilestoneBody> milestones,
      @Size(max = Assignment.MAX_PERSON) String leader,
      @Size(max = Assignment.MAX_PERSON) String owner) {}

  /** A unit with its people, chats and the items it leads or supports. */
  record UnitView(
      String code,
      String name,
      UnitKind kind,
      List<Contact> contacts,
      List<GroupChat> groups,
      List<String> leads,
      List<String> supports) {
    static UnitView of(
        Unit u, List<Contact> contacts, List<GroupChat> groups, List<Assignment> assignments) {
      return new UnitView(
          u.code(),
          u.name(),
          u.kind(),
          contacts.stream().filter(c -> c.unitCode().equals(u.code())).toList(),
          groups.stream().filter(g -> g.unitCode().equals(u.code())).toList(),
          assignments.stream()
              .filter(a -> a.leadUnit().equals(u.code()))
              .map(Assignment::itemCode)
              .toList(),
          assignments.stream()
              .filter(a -> a.supportUnits().contains(u.code()))
              .map(Assignment::itemCode)
              .toList());
    }
  }
}
