package io.duban;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Prints every thread's stack when a test fails because a blocking read timed out, so that a hang
 * in CI (a request never answered) shows what the service's threads were doing at that moment.
 */
public final class ThreadDumpOnTimeout implements TestExecutionExceptionHandler {

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    if (timedOut(failure)) {
      StringBuilder dump =
          new StringBuilder("Thread dump after a timeout in ")
              .append(context.getDisplayName())
              .append(":\n");
      for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
        dump.append('"').append(thread.getThreadName()).append("\" ");
        dump.append(thread.getThreadState()).append('\n');
        for (StackTraceElement frame : thread.getStackTrace()) {
          dump.append("    at ").append(frame).append('\n');
        }
      }
      System.out.println(dump);
    }
    throw failure;
  }

  private static boolean timedOut(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException
          || String.valueOf(t.getMessage()).startsWith("Timeout on blocking read")) {
        return true;
      }
    }
    return false;
  }
}
