/**
 * The {@code Stream} document: {@code apiVersion: sluice.dev/v1}, {@code kind: Stream}, with
 * {@code metadata} and a {@code spec} of input, processors, output and error policy.
 *
 * <p>These records are the validated, normalised form: defaults applied, shorthands expanded.
 * Reading and validating YAML into them is the job of {@code sluice-definitions}.
 */
package dev.sluice.api.definition;
