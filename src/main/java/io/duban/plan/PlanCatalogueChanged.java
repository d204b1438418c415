package io.duban.plan;

/**
 * Published after a plan was imported or its items' aliases changed, so that indexes over the items
 * can rebuild.
 */
public record PlanCatalogueChanged(int year) {}
