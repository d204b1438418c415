/**
 * Wiring every feature stands on: the database (and its embedded default), the clock, error bodies,
 * request ids, the retry backoff and service-wide properties.
 */
package io.duban.system;
