package io.edgemqtt.impl.store;

import io.edgemqtt.api.spi.PersistedPublish;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The on-disk format of a session log: an 8-byte file header ({@code EMQS}, format version, three zero bytes)
 * followed by frames. A frame is a 32-bit body length, the body, and the CRC-32 of length and body. The first body
 * byte is the record type:
 *
 * <pre>
 * ADD              type, sequence (8), packet id (2), released (1), message ({@link MessageSerializer})
 * UPDATE           type, sequence (8), packet id (2), released (1)
 * REMOVE           type, sequence (8)
 * ADD_INCOMING     type, packet id (2)
 * REMOVE_INCOMING  type, packet id (2)
 * CLEAR            type
 * </pre>
 *
 * All numbers are big endian. The checksum after the body lets a reader tell a record cut short by a crash, or damaged
 * later, from a complete one; the length in front lets it find the next record.
 */
final class SessionLogFormat {
    static final int VERSION = 1;
    static final int FILE_HEADER_SIZE = 8;
    static final int FRAME_OVERHEAD = 8;

    static final byte ADD = 1;
    static final byte UPDATE = 2;
    static final byte REMOVE = 3;
    static final byte ADD_INCOMING = 4;
    static final byte REMOVE_INCOMING = 5;
    static final byte CLEAR = 6;

    static final int ADD_FIXED_BODY = 1 + 8 + 2 + 1;
    static final int UPDATE_BODY = 1 + 8 + 2 + 1;
    static final int REMOVE_BODY = 1 + 8;
    static final int INCOMING_BODY = 1 + 2;
    static final int CLEAR_BODY = 1;
    static final int INCOMING_FRAME = FRAME_OVERHEAD + INCOMING_BODY;

    /** A bound on a body length that a reader believes; anything larger is damage. */
    static final int MAX_BODY = Integer.MAX_VALUE - 1024;

    private static final int MAGIC = 'E' << 24 | 'M' << 16 | 'Q' << 8 | 'S';

    private SessionLogFormat() {}

    static void putFileHeader(ByteBuffer out) {
        out.putInt(MAGIC).put((byte) VERSION).put((byte) 0).putShort((short) 0);
    }

    /** @return null if {@code header} (8 bytes from its position) is a header this code reads, else why not */
    static String checkFileHeader(ByteBuffer header) {
        if (header.getInt(header.position()) != MAGIC) {
            return "not a session log (bad magic number)";
        }
        int version = header.get(header.position() + 4);
        if (version != VERSION) {
            return "session log format version " + version + ", this code reads version " + VERSION;
        }
        return null;
    }

    static int addFrameSize(PersistedPublish publish) {
        return FRAME_OVERHEAD + ADD_FIXED_BODY + MessageSerializer.serializedSize(publish.message());
    }

    /** Writes one ADD frame of exactly {@code frameSize} bytes ({@link #addFrameSize}). */
    static void putAdd(ByteBuffer out, PersistedPublish publish, int frameSize, CRC32 crc) {
        int start = out.position();
        out.putInt(frameSize - FRAME_OVERHEAD).put(ADD).putLong(publish.sequence())
                .putShort((short) publish.packetId()).put((byte) (publish.isReleased() ? 1 : 0));
        MessageSerializer.write(publish.message(), out);
        endFrame(out, start, crc);
    }

    static void putUpdate(ByteBuffer out, PersistedPublish publish, CRC32 crc) {
        int start = out.position();
        out.putInt(UPDATE_BODY).put(UPDATE).putLong(publish.sequence()).putShort((short) publish.packetId())
                .put((byte) (publish.isReleased() ? 1 : 0));
        endFrame(out, start, crc);
    }

    static void putRemove(ByteBuffer out, long sequence, CRC32 crc) {
        int start = out.position();
        out.putInt(REMOVE_BODY).put(REMOVE).putLong(sequence);
        endFrame(out, start, crc);
    }

    static void putIncoming(ByteBuffer out, byte type, int packetId, CRC32 crc) {
        int start = out.position();
        out.putInt(INCOMING_BODY).put(type).putShort((short) packetId);
        endFrame(out, start, crc);
    }

    static void putClear(ByteBuffer out, CRC32 crc) {
        int start = out.position();
        out.putInt(CLEAR_BODY).put(CLEAR);
        endFrame(out, start, crc);
    }

    /** @return the CRC-32 of {@code length} bytes of {@code buffer} from index {@code from}; position and limit unchanged */
    static int checksum(ByteBuffer buffer, int from, int length, CRC32 crc) {
        int position = buffer.position();
        int limit = buffer.limit();
        crc.reset();
        buffer.limit(from + length).position(from);
        crc.update(buffer);
        buffer.limit(limit).position(position);
        return (int) crc.getValue();
    }

    private static void endFrame(ByteBuffer out, int start, CRC32 crc) {
        out.putInt(checksum(out, start, out.position() - start, crc));
    }
}
