package io.duban.system;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Service-wide settings at the root of {@code duban}.
 *
 * @param zone the zone of days and reporting weeks (ISO weeks), default {@code Asia/Shanghai}
 * @param publicBaseUrl this service's public address, e.g. {@code https://duban.example.gov.cn}:
 *     the digest links the dashboard, and DingTalk and Feishu webhook groups get the digest chart
 *     as a link under it; unset (the default) means no link and no chart for those groups
 */
@ConfigurationProperties("duban")
@Validated
public record ServiceProperties(
    @NotNull @DefaultValue("Asia/Shanghai") ZoneId zone, URI publicBaseUrl) {

  public ServiceProperties {
    if (publicBaseUrl != null && publicBaseUrl.toString().isBlank()) {
      publicBaseUrl = null;
    }
    if (publicBaseUrl != null && !publicBaseUrl.isAbsolute()) {
      throw new IllegalArgumentException(
          "duban.public-base-url must be an absolute URL such as https://duban.example.gov.cn, not "
              + publicBaseUrl);
    }
  }

  /** The public address of {@code path} (e.g. {@code /dashboard}); empty without a base URL. */
  public Optional<String> publicUrl(String path) {
    return Optional.ofNullable(publicBaseUrl)
        .map(base -> base.toString().strip().replaceAll("/+$", "") + path);
  }
}
