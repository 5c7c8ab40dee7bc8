/**
 * Sluice's one expression language, as components see it. Mapping, filter, keys, templates and
 * aggregates are all written in it. Components never pick a library: they compile through the
 * {@link dev.sluice.api.expression.ExpressionLanguage} their context hands them.
 */
package dev.sluice.api.expression;
