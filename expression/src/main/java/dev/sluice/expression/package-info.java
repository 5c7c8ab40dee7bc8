/**
 * Sluice's one expression language, JSONata, behind the api's {@link
 * dev.sluice.api.expression.ExpressionLanguage}: {@link dev.sluice.expression.JsonataLanguage}.
 * The engine hands it to components through their context; components never use this package.
 */
package dev.sluice.expression;
