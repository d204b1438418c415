package io.duban.system;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * The HTTP server's timeouts beyond {@code server.netty.idle-timeout}: a deadline for each request
 * head ({@link RequestHeadDeadline}), and Reactor Netty's read and request timeouts for bodies.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpTimeoutProperties.class)
class HttpServerTimeouts {

  @Bean
  NettyServerCustomizer serverTimeouts(HttpTimeoutProperties timeouts) {
    return server ->
        server
            .readTimeout(timeouts.readTimeout())
            .requestTimeout(timeouts.requestTimeout())
            .doOnChannelInit(
                (observer, channel, remote) -> {
                  RequestHeadDeadline deadline =
                      new RequestHeadDeadline(timeouts.requestHeadTimeout());
                  if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                    channel
                        .pipeline()
                        .addAfter(NettyPipeline.HttpCodec, "duban.headDeadline", deadline);
                  } else {
                    channel.pipeline().addFirst("duban.headDeadline", deadline);
                  }
                });
  }
}
