/**
 * Progress: understanding messages, conversation commands, progress reports, the reporting week,
 * the pace and light rule, report facts and item closing.
 */
package io.duban.report;
