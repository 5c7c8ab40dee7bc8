/** Processors written in Sluice's expression language: {@code mapping} and {@code filter}. */
package dev.sluice.processors.expression;
