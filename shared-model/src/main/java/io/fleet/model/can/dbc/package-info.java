/**
 * DBC files (Vector's CAN database format) and the CAN signal codec: which bits of a frame mean what, and how to
 * turn them into physical values and back. Written here because no maintained Java DBC library exists.
 *
 * <h2>Where to start reading</h2>
 * <ol>
 *   <li>{@link io.fleet.model.can.dbc.DbcParser#parse(java.nio.file.Path)} reads a file into an immutable
 *       {@link io.fleet.model.can.dbc.DbcDatabase}; malformed statements throw
 *       {@link io.fleet.model.can.dbc.DbcFormatException} with file, line, column and reason, unknown keywords
 *       become {@link io.fleet.model.can.dbc.DbcDatabase#warnings() warnings}.</li>
 *   <li>{@link io.fleet.model.can.dbc.DbcDatabase#message(io.fleet.model.bus.CanFrame)} finds the
 *       {@link io.fleet.model.can.dbc.DbcMessage} of a received frame; its {@code decode} gives
 *       {@link io.fleet.model.can.dbc.SignalValue}s by signal name, honouring simple multiplexing;
 *       {@code decodePhysical} fills a reused {@code double[]} for bulk ingest; {@code encode} builds a payload
 *       from physical values or value-table texts ("Open") and rejects out-of-range values.</li>
 *   <li>{@link io.fleet.model.can.dbc.DbcSignal} converts raw to physical and back (factor, offset, range, value
 *       table); {@link io.fleet.model.can.dbc.SignalCodec} moves raw bits for Intel and Motorola byte order, the
 *       part most worth reading twice.</li>
 * </ol>
 *
 * <h2>Internals</h2>
 * {@code DbcTokenizer} (words, strings, punctuation with line and column), {@code DbcParser} with
 * {@code DbcTokens} and {@code DbcAttributeStatements} (one method per statement), {@code DbcModelBuilder}
 * (mutable drafts, because a DBC describes one signal in statements spread over the whole file),
 * {@code MessageDecoder} and {@code DecodedSignals} (the decode hot path).
 *
 * <h2>Conventions</h2>
 * Value tables and {@code GenSigStartValue} are raw values, as in the DBC format. Ranges written as
 * {@code [0|0]} mean "no range". Everything here is immutable and thread-safe except the parser's internals.
 */
package io.fleet.model.can.dbc;
