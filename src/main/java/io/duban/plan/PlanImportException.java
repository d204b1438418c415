package io.duban.plan;

import io.duban.system.DomainException;
import org.springframework.http.HttpStatus;

/** A document that cannot be read as a plan; the message names the line. */
final class PlanImportException extends DomainException {

  private PlanImportException(String message) {
    super(HttpStatus.BAD_REQUEST, "BAD_PLAN_DOCUMENT", message);
  }

  static PlanImportException at(int line, String problem) {
    return new PlanImportException(line > 0 ? "line " + line + ": " + problem : problem);
  }
}
