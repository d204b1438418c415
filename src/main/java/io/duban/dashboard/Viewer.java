package io.duban.dashboard;

/**
 * Who is signed in to the web pages and what the pages offer them: the audit name of the person (or
 * service token), whether they are an admin, may confirm or reopen closings (LEADER), and may work
 * the review queue (SUPERVISOR). The security chain decides; this only hides what would be refused.
 */
public record Viewer(String name, boolean admin, boolean leads, boolean reviews) {}
