package io.duban.system;

/** The body of every refusal: a stable code for programs and a sentence for people. */
public record ApiError(String error, String message) {}
