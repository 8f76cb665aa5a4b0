/**
 * Helpers shared by the log readers and writers (counters, exact decimal timestamps, hex). Not an API: other
 * modules use {@link io.fleet.model.log.LogReaders} and {@link io.fleet.model.log.LogWriters}.
 */
package io.fleet.model.log.internal;
