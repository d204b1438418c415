package io.duban;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the Duban service. */
@SpringBootApplication
public class DubanApplication {

  public static void main(String[] args) {
    SpringApplication.run(DubanApplication.class, args);
  }
}
