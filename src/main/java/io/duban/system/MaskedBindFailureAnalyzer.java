package io.duban.system;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Explains a configuration that cannot be bound as Spring Boot does (property, value, origin,
 * reason), except that the value of a property whose name looks secret ({@code secret}, {@code
 * token}, {@code password}, {@code key}, {@code aes}…) is never printed: Boot's own analyzers print
 * every bound value, and a start-up failure lands in the same log as everything else. Runs before
 * them (registered in {@code META-INF/spring.factories}).
 */
class MaskedBindFailureAnalyzer implements FailureAnalyzer, Ordered {

  static final String MASK = "******";
  private static final Pattern SECRET =
      Pattern.compile(
          "secret|token|passw|pwd|credential|private|key|aes|signature|cookie|session|auth",
          Pattern.CASE_INSENSITIVE);
  private static final String ACTION = "Update your application's configuration.";

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public FailureAnalysis analyze(Throwable failure) {
    BindException bind = find(failure, BindException.class);
    if (bind != null) {
      return new FailureAnalysis(describe(bind), ACTION, bind);
    }
    InvalidConfigurationPropertyValueException invalid =
        find(failure, InvalidConfigurationPropertyValueException.class);
    if (invalid != null) {
      String value = shown(invalid.getName(), invalid.getValue());
      String reason = masked(invalid.getName(), invalid.getValue(), invalid.getReason());
      return new FailureAnalysis(
          "Invalid value '"
              + value
              + "' for configuration property '"
              + invalid.getName()
              + "'."
              + (reason == null ? "" : " Reason: " + reason),
          ACTION,
          invalid);
    }
    return null;
  }

  static boolean secret(String propertyName) {
    return propertyName != null && SECRET.matcher(propertyName).find();
  }

  private static String describe(BindException bind) {
    StringBuilder text = new StringBuilder();
    text.append("Failed to bind properties under '")
        .append(bind.getName())
        .append("' to ")
        .append(bind.getTarget().getType())
        .append(":\n");
    UnboundConfigurationPropertiesException unbound =
        find(bind, UnboundConfigurationPropertiesException.class);
    BindValidationException invalid = find(bind, BindValidationException.class);
    if (unbound != null) {
      for (ConfigurationProperty property : unbound.getUnboundProperties()) {
        property(text, property, unbound.getMessage());
      }
    } else if (invalid != null) {
      validation(text, invalid);
    } else {
      ConfigurationProperty property = bind.getProperty();
      String name = property == null ? String.valueOf(bind.getName()) : nameOf(property);
      Object value = property == null ? null : property.getValue();
      String reason = masked(name, value, reasonOf(bind));
      if (property != null) {
        property(text, property, reason);
      } else {
        text.append("\n    Reason: ").append(reason).append('\n');
      }
    }
    return text.toString();
  }

  private static void validation(StringBuilder text, BindValidationException invalid) {
    var errors = invalid.getValidationErrors();
    Collection<ConfigurationProperty> bound = errors.getBoundProperties();
    for (ObjectError error : errors.getAllErrors()) {
      if (error instanceof FieldError field) {
        String name = errors.getName() + "." + field.getField();
        ConfigurationProperty property =
            bound.stream()
                .filter(p -> nameOf(p).equalsIgnoreCase(name) || nameOf(p).endsWith(dashed(name)))
                .findFirst()
                .orElse(null);
        Object value = field.getRejectedValue();
        String reason = masked(name, value, field.getDefaultMessage());
        text.append("\n    Property: ").append(name);
        text.append("\n    Value: ").append(shown(name, value));
        if (property != null && property.getOrigin() != null) {
          text.append("\n    Origin: ").append(property.getOrigin());
        }
        text.append("\n    Reason: ").append(reason).append('\n');
      } else {
        text.append("\n    Reason: ").append(error.getDefaultMessage()).append('\n');
      }
    }
  }

  private static void property(StringBuilder text, ConfigurationProperty property, String reason) {
    String name = nameOf(property);
    text.append("\n    Property: ").append(name);
    text.append("\n    Value: ").append(shown(name, property.getValue()));
    if (property.getOrigin() != null) {
      text.append("\n    Origin: ").append(property.getOrigin());
    }
    text.append("\n    Reason: ").append(reason).append('\n');
  }

  private static String nameOf(ConfigurationProperty property) {
    return property.getName().toString();
  }

  private static String dashed(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }

  private static String shown(String name, Object value) {
    if (value == null) {
      return "(none)";
    }
    return secret(name) ? MASK + " (hidden: the name looks like a secret)" : "\"" + value + "\"";
  }

  /** The message with every occurrence of a secret value replaced. */
  private static String masked(String name, Object value, String message) {
    if (message == null || value == null || !secret(name)) {
      return message;
    }
    String text = String.valueOf(value);
    return text.isEmpty() ? message : message.replace(text, MASK);
  }

  /** The innermost message below the bind exception, as Boot reports it. */
  private static String reasonOf(BindException bind) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = bind.getCause(); t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        messages.add(t.getMessage());
      }
    }
    return messages.isEmpty()
        ? Objects.toString(bind.getCause(), "unknown")
        : messages.get(messages.size() - 1);
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
