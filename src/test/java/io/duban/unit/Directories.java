package io.duban.unit;

import org.springframework.context.ApplicationContext;

/** Lets a test that empties the tables behind the directory's memory forget it at once. */
public final class Directories {

  private Directories() {}

  public static void forget(ApplicationContext context) {
    context.getBean(Directory.class).forget();
  }
}
