/**
 * Drive-log files: the streaming {@link io.fleet.model.log.LogReader} and {@link io.fleet.model.log.LogWriter}
 * interfaces, format detection ({@link io.fleet.model.log.LogFormat}) and the factories
 * {@link io.fleet.model.log.LogReaders} and {@link io.fleet.model.log.LogWriters}. Each format lives in its own
 * sub-package: candump, asc (Vector ASC), blf (Vector BLF), mdf (ASAM MDF4) and pcap (pcap and pcapng).
 */
package io.fleet.model.log;
