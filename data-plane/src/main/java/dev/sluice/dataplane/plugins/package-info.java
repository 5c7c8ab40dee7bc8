/**
 * Third-party components from the plugins directory, each plugin isolated in its own class loader.
 *
 * <p>Layout: {@code <plugins>/<name>/*.jar}. Every {@code <name>} directory is one plugin and gets
 * one child-first class loader over its jars ({@code PluginClassLoader}):
 * the JDK, the plugin SPI {@code dev.sluice.api.*} and {@code org.slf4j.*} come from the worker;
 * everything else (Jackson, Guava, Kafka Connect...) comes from the plugin's own jars first, so a
 * plugin's library versions never collide with the worker's or another plugin's.
 *
 * <p>Components are found with {@link java.util.ServiceLoader} in each plugin's jars ({@code
 * META-INF/services/dev.sluice.api.component.ComponentProvider}); only providers defined by the
 * plugin's own jars count, not the built-ins it sees through its parent.
 * {@link dev.sluice.dataplane.plugins.InstalledProviders} joins them with the built-ins and refuses
 * two components of one kind and name.
 *
 * <p>What is refused, each with the path and the fix, while the other plugins still load: a
 * plugin directory or jar that resolves (through symbolic links, {@code ..} or a manifest {@code
 * Class-Path}) outside the plugins directory, a jar entry that climbs out of its jar, a jar that
 * does not open, a directory name that is not a simple name, and a plugin that announces no
 * component. See {@code docs/plugins.md} for how to package a plugin.
 */
package dev.sluice.dataplane.plugins;
