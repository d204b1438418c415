package io.duban.dashboard;

/** Who is signed in to the web pages: the token holder's name and whether it is an admin. */
public record Viewer(String name, boolean admin) {}
