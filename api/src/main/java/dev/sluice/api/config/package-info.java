/**
 * Config specs: each component declares its configuration once, as a {@link
 * dev.sluice.api.config.ConfigSpec}, and that one declaration drives validation of stream
 * documents, the REST plugin catalogue (as JSON Schema), generated reference docs and the web UI's
 * forms. Nothing else in Sluice describes a component's fields a second time.
 */
package dev.sluice.api.config;
