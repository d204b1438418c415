package io.duban.security;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionIdResolver;
import org.springframework.web.server.session.WebSessionManager;

/**
 * Puts the web sessions into PostgreSQL ({@link SessionStore}) in place of Boot's in-memory store,
 * keeping Boot's cookie settings ({@code server.reactive.session.cookie}: HttpOnly, SameSite=Lax,
 * Secure when the browser spoke https) and idle timeout ({@code server.reactive.session.timeout}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class SessionConfiguration {

  @Bean
  SessionStore sessionStore(DatabaseClient db, ServerProperties server) {
    Duration timeout = server.getReactive().getSession().getTimeout();
    // a session idles by the wall clock, as Boot's in-memory store does: the service clock is the
    // plan's business time, which a simulation or a test may move by weeks
    return new SessionStore(db, Clock.systemUTC(), timeout, Duration.ofMinutes(5));
  }

  @Bean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
  WebSessionManager webSessionManager(
      SessionStore store, ObjectProvider<WebSessionIdResolver> resolver) {
    DefaultWebSessionManager manager = new DefaultWebSessionManager();
    manager.setSessionStore(store);
    resolver.ifAvailable(manager::setSessionIdResolver);
    return manager;
  }
}
