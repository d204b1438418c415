package io.duban.plan;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Plan catalogue settings ({@code duban.plan}).
 *
 * @param seed the reviewed plan loaded at first start when the catalogue is empty
 */
@ConfigurationProperties("duban.plan")
record PlanProperties(Resource seed) {}
