/**
 * When things happen: Quartz jobs, schedules with their admin API and pages, and the work-day
 * calendar.
 */
package io.duban.schedule;
