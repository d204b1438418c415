/**
 * The outbox: persistence, claim, dispatch, retry and rate counting; it knows no platform by name.
 */
package io.duban.delivery;
