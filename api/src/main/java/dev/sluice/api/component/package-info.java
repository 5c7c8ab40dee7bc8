/**
 * How components (inputs, processors, outputs) describe themselves to Sluice.
 *
 * <p>Every component is announced by a {@link dev.sluice.api.component.ComponentProvider} listed
 * in {@code META-INF/services/dev.sluice.api.component.ComponentProvider} of its jar. Sluice finds
 * providers with {@link java.util.ServiceLoader}: built-ins on the class path, plugins each in
 * their own class loader. The provider's {@link dev.sluice.api.component.ComponentDescriptor}
 * names the component and carries its one {@link dev.sluice.api.config.ConfigSpec}.
 */
package dev.sluice.api.component;
