/**
 * Reader of ASAM MDF 4.1x bus-logging files as CANedge and other CAN loggers write them.
 *
 * <h2>The format in brief</h2>
 * An MDF 4 file is a 64-byte identification block followed by linked blocks. Every block starts with a 24-byte
 * header: the id {@code ##XX}, 4 reserved bytes, the block length (u64) and the link count (u64), then the links
 * (u64 absolute file offsets, 0 = nil) and the block's data, all little-endian. The tree a reader walks:
 * <pre>
 * ##ID (offset 0)  "MDF     " or "UnFinMF " + version + unfinalized flags   -> {@link io.fleet.model.log.mdf.Mdf4File}
 * ##HD (offset 64) start time (ns since 1970, UTC unless the local-time flag), first data group
 *   ##DG  dg_rec_id_size (0 = sorted, 1/2/4/8 = records prefixed by a record id), data link
 *     ##CG  record id, cycle count, flags (VLSD, bus event), record length; ##TX acquisition name; ##SI bus
 *       ##CN  type (fixed, VLSD, master, virtual), position (byte/bit offset, bit count), data type; ##TX name;
 *             ##CC conversion; composition -> member ##CN list (bus-logging structures)
 *     data: ##DT | ##DZ (deflate or transposed deflate) | ##DL list of them | ##HL -> ##DL of ##DZ;
 *           VLSD values in ##SD blocks or in the records of a VLSD channel group
 * </pre>
 * CANedge loggers write "UnFinMF " files whose single unsorted data group has a ##DT block of length 24: its
 * records run to the end of the file, and cycle counts stay 0 (id_unfin_flags 0x25: cycle counters, last ##DT
 * length and VLSD group sizes not updated). Bounding that ##DT by the end of the file (or the next block), as
 * asammdf's finalization does, and never trusting cycle counts yields every frame the logger wrote.
 *
 * <p>{@link io.fleet.model.log.mdf.MdfCanReader} is the entry point; block parsing ({@code MdfBlockReader},
 * {@code MdfStructureReader}), data streaming ({@code DataStream}, {@code RecordFraming}, {@code VlsdCursor}) and
 * frame decoding ({@code CanGroupDecoder}, {@code RecordField}, {@code TimeBase}) are package-private.
 */
package io.fleet.model.log.mdf;
