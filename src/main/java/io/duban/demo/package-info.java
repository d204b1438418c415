/**
 * The demo for a first run: half a year of 2024 reports from the example units, written through the
 * report feature's own services, once per database (owns {@code demo_load}).
 */
package io.duban.demo;
