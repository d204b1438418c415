package io.duban.plan;

import io.duban.system.DomainException;
import org.springframework.http.HttpStatus;

/**
 * A document that cannot be read as a plan; the message names the line and says what was expected.
 */
final class PlanImportException extends DomainException {

  private PlanImportException(String message) {
    super(HttpStatus.BAD_REQUEST, "BAD_PLAN_DOCUMENT", message);
  }

  /** A refusal at a 1-based line of the document's text, in Chinese for the admin. */
  static PlanImportException at(int line, String problem) {
    return new PlanImportException(line(line) + problem);
  }

  /** The prefix naming a line, {@code 第3行：}, or nothing for line 0. */
  static String line(int line) {
    return line > 0 ? "第" + line + "行：" : "";
  }
}
