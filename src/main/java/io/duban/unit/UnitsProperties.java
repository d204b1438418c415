package io.duban.unit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Units settings ({@code duban.units}).
 *
 * @param file units, contacts, group chats and responsibilities loaded at first start
 */
@ConfigurationProperties("duban.units")
record UnitsProperties(Resource file) {}
