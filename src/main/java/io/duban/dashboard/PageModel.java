package io.duban.dashboard;

import io.duban.security.Role;
import java.util.stream.Collectors;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** What every dashboard page needs: the CSRF token for its forms and who is signed in. */
@ControllerAdvice(annotations = DashboardPage.class)
class PageModel {

  private final TimeText times;
  private final SimulatorMode simulator;

  PageModel(java.time.ZoneId zone, java.time.Clock clock, SimulatorMode simulator) {
    this.times = new TimeText(zone, clock);
    this.simulator = simulator;
  }

  @ModelAttribute("fmt")
  TimeText fmt() {
    return times;
  }

  @ModelAttribute("simulatorOn")
  boolean simulatorOn() {
    return simulator.active();
  }

  @ModelAttribute("_csrf")
  Mono<CsrfToken> csrf(ServerWebExchange exchange) {
    Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
    return token == null ? Mono.empty() : token;
  }

  @ModelAttribute("viewer")
  Mono<Viewer> viewer() {
    return ReactiveSecurityContextHolder.getContext()
        .mapNotNull(c -> c.getAuthentication())
        .filter(a -> a.isAuthenticated())
        .map(
            a -> {
              var roles =
                  a.getAuthorities().stream()
                      .map(g -> g.getAuthority())
                      .collect(Collectors.toSet());
              boolean admin = roles.contains(Role.ADMIN.authority());
              return new Viewer(
                  a.getName(),
                  admin,
                  admin || roles.contains(Role.LEADER.authority()),
                  admin || roles.contains(Role.SUPERVISOR.authority()));
            });
  }
}
