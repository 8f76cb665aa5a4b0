package io.fleet.model.log.blf;

/**
 * BLF object types, header sizes and flag bits this package reads and writes, named as in Vector's binlog API
 * (BL_OBJ_TYPE_*, BL_OBJ_FLAG_*); the object layouts are described in {@link BlfFrameDecoder}.
 */
final class BlfObjectTypes {

    static final int CAN_MESSAGE = 1;
    static final int LOG_CONTAINER = 10;
    static final int CAN_MESSAGE2 = 86;
    static final int CAN_FD_MESSAGE = 100;
    static final int CAN_FD_MESSAGE_64 = 101;

    /** Object header flags: the unit of the object's timestamp. */
    static final int TIME_TEN_MICS = 0x1;
    static final int TIME_ONE_NANS = 0x2;

    /** Signature of every object, "LOBJ" read little-endian. */
    static final int OBJECT_SIGNATURE = 0x4A42_4F4C;
    /** Signature, header size, header version, object size, object type. */
    static final int BASE_HEADER_SIZE = 16;
    /** Base header plus flags, client index, object version, timestamp. */
    static final int HEADER_V1_SIZE = 32;
    /** After a container's base header: compression method, reserved, uncompressed size, reserved. */
    static final int CONTAINER_HEADER_SIZE = 16;

    static final int COMPRESSION_NONE = 0;
    static final int COMPRESSION_ZLIB = 2;

    /** Bit 31 of a CAN object's id: 29-bit identifier. */
    static final int EXTENDED_ID_FLAG = 0x8000_0000;
    /** CAN_MESSAGE(2) and CAN_FD_MESSAGE flags byte. */
    static final int MESSAGE_TX = 0x01;
    static final int MESSAGE_RTR = 0x80;
    /** CAN_FD_MESSAGE FD flags byte. */
    static final int FD_EDL = 0x1;
    static final int FD_BRS = 0x2;
    static final int FD_ESI = 0x4;
    /** CAN_FD_MESSAGE_64 flags word. */
    static final int FD64_RTR = 0x0010;
    static final int FD64_EDL = 0x1000;
    static final int FD64_BRS = 0x2000;
    static final int FD64_ESI = 0x4000;
    /** CAN_FD_MESSAGE_64 fields before the data bytes. */
    static final int FD64_FIXED_SIZE = 40;
    /** CAN_FD_MESSAGE fields before its 64 data bytes. */
    static final int FD_FIXED_SIZE = 20;

    private BlfObjectTypes() {
    }
}
