package io.duban.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description of the admin and leader API ({@code /v3/api-docs}, UI at /api-docs). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI dubanOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Duban (督办助手) API")
                .version("v1")
                .description(
                    "Plan, units, reports, schedules, outbox, dashboard and ledger. "
                        + "Send Authorization: Bearer <token>; LEADER tokens read, ADMIN tokens also "
                        + "change. Errors are {\"error\": CODE, \"message\": TEXT}."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "token",
                    // HTTP bearer: Swagger UI asks for the token alone and sends
                    // "Authorization: Bearer <token>"; bearerFormat names what the token is
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("API token")
                        .description(
                            "管理员（ADMIN）或领导（LEADER）令牌，不含 Bearer 前缀；首次启动生成的管理员令牌在"
                                + " data/admin-token")))
        .addSecurityItem(new SecurityRequirement().addList("token"));
  }
}
