package io.duban.plan;

/** Published after a plan was imported, so that indexes over the items can rebuild. */
public record PlanCatalogueChanged(int year) {}
