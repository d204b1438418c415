package io.duban.unit;

/** A 责任单位: a department, an institution or the leaders' group. */
public record Unit(String code, String name, UnitKind kind) {}
