package io.duban.report;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/acknowledgements/requests} (admins): asks the lead units of assignments made
 * before 签收 existed for their 签收, body {@code {"unit": "planning"}} for one unit or {@code {}} for
 * all; answers {@code {"requested": ["1.2", …]}}, the items newly owed a 签收.
 */
@RestController
class AcknowledgementRequestController {

  /** The request body: the one unit to ask, or none for every lead unit. */
  record Request(String unit) {}

  private final AcknowledgementRequests requests;

  AcknowledgementRequestController(AcknowledgementRequests requests) {
    this.requests = requests;
  }

  @Operation(summary = "请已分工事项的牵头单位补签收（通知其群并开始催签收）")
  @PostMapping("/api/v1/acknowledgements/requests")
  Mono<Map<String, List<String>>> request(@RequestBody(required = false) Request body) {
    String unit = body == null || body.unit() == null || body.unit().isBlank() ? null : body.unit();
    return requests.request(unit).map(codes -> Map.of("requested", codes));
  }
}
