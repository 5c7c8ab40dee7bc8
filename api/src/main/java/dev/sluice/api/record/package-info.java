/** The unit of data that flows through a stream. */
package dev.sluice.api.record;
