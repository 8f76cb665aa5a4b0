package io.fleet.model.log.blf;

/** BLF object types this package knows, numbered as in Vector's binlog API (BL_OBJ_TYPE_*). */
final class BlfObjectTypes {

    static final int CAN_MESSAGE = 1;
    static final int LOG_CONTAINER = 10;
    static final int CAN_MESSAGE2 = 86;
    static final int CAN_FD_MESSAGE = 100;
    static final int CAN_FD_MESSAGE_64 = 101;

    /** Object header flags: the unit of the object's timestamp. */
    static final int TIME_TEN_MICS = 0x1;

    /** Signature of every object, "LOBJ" read little-endian. */
    static final int OBJECT_SIGNATURE = 0x4A42_4F4C;
    /** Signature, header size, header version, object size, object type. */
    static final int BASE_HEADER_SIZE = 16;

    private BlfObjectTypes() {
    }
}
