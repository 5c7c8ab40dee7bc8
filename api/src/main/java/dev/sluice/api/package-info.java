/**
 * The Sluice API: the small surface that the engine, the control plane and third-party plugins
 * share.
 *
 * <p>It depends on nothing but {@code slf4j-api}, so a plugin jar compiled against it never drags
 * engine classes along. Sub-packages:
 *
 * <ul>
 *   <li>{@link dev.sluice.api.definition}: the {@code Stream} document users write;
 *   <li>{@link dev.sluice.api.config}: config specs, one per component, that drive validation,
 *       documentation and UI forms;
 *   <li>{@link dev.sluice.api.component}: how components describe themselves and are discovered.
 * </ul>
 *
 * {@link dev.sluice.api.Problem} is how everything in Sluice reports bad input: one problem per
 * mistake, all of them at once.
 */
package dev.sluice.api;
