package io.duban.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first-run demo ({@code duban.demo}).
 *
 * @param enabled true or false to force the demo on or off ({@code DUBAN_DEMO}); unset (the
 *     default) loads it only on the embedded default database, i.e. when {@code duban.db.url} is
 *     empty
 */
@ConfigurationProperties("duban.demo")
record DemoProperties(Boolean enabled) {}
