package io.edgemqtt.impl.store;

import static io.edgemqtt.impl.store.SessionLogFormat.ADD;
import static io.edgemqtt.impl.store.SessionLogFormat.ADD_FIXED_BODY;
import static io.edgemqtt.impl.store.SessionLogFormat.ADD_INCOMING;
import static io.edgemqtt.impl.store.SessionLogFormat.CLEAR;
import static io.edgemqtt.impl.store.SessionLogFormat.CLEAR_BODY;
import static io.edgemqtt.impl.store.SessionLogFormat.FILE_HEADER_SIZE;
import static io.edgemqtt.impl.store.SessionLogFormat.FRAME_OVERHEAD;
import static io.edgemqtt.impl.store.SessionLogFormat.INCOMING_BODY;
import static io.edgemqtt.impl.store.SessionLogFormat.MAX_BODY;
import static io.edgemqtt.impl.store.SessionLogFormat.REMOVE;
import static io.edgemqtt.impl.store.SessionLogFormat.REMOVE_BODY;
import static io.edgemqtt.impl.store.SessionLogFormat.REMOVE_INCOMING;
import static io.edgemqtt.impl.store.SessionLogFormat.UPDATE;
import static io.edgemqtt.impl.store.SessionLogFormat.UPDATE_BODY;

import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.spi.PersistedPublish;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Replays a session log into a {@link SessionState}, tolerating what a crash or a bad disk leaves behind: a record
 * cut short at the end is ignored, a damaged record elsewhere is skipped, reported, and reading goes on at the next
 * record that checks out.
 *
 * <p>Reads through a window of the file, so that a log of any size is read with bounded memory (apart from the
 * largest single record).
 */
final class SessionLogReader {
    /** What reading found. */
    static final class Result {
        /** Where the last good record ends: appending goes on from here. */
        long validEnd;
        /** Damaged stretches skipped before good records. */
        int damagedRegions;
        long damagedBytes;
        /** Bytes at the end that did not form a whole record (a write cut short, or damage). */
        long discardedTailBytes;
    }

    private static final System.Logger LOG = System.getLogger(FileSessionStore.class.getName());
    private static final long INCOMPLETE = -1;
    private static final long INVALID = 0;
    private static final int WINDOW = 64 * 1024;

    private final FileChannel channel;
    private final Path file;
    private final long size;
    private final CRC32 crc = new CRC32();
    private ByteBuffer window = ByteBuffer.allocate(WINDOW).limit(0);
    private long windowStart;

    // the record parsed last
    private byte type;
    private long sequence;
    private int packetId;
    private boolean released;
    private MqttMessage message;

    SessionLogReader(FileChannel channel, Path file) throws IOException {
        this.channel = channel;
        this.file = file;
        this.size = channel.size();
    }

    /**
     * @return null if the file starts with a header this code reads, else why not
     * @throws IOException if the file cannot be read
     */
    String checkHeader() throws IOException {
        if (size < FILE_HEADER_SIZE) {
            return "shorter than its header";
        }
        int index = ensure(0, FILE_HEADER_SIZE);
        return SessionLogFormat.checkFileHeader(window.duplicate().position(index));
    }

    Result read(SessionState state) throws IOException {
        Result result = new Result();
        long position = FILE_HEADER_SIZE;
        while (position < size) {
            long frame = frameAt(position);
            if (frame > 0) {
                apply(state, (int) frame);
                position += frame;
                continue;
            }
            long next = nextRecord(position + 1);
            if (next < 0) {
                result.discardedTailBytes = size - position;
                if (frame == INCOMPLETE) {
                    LOG.log(Level.INFO, String.format(
                            "Session log %s: ignored an incomplete last record (%d bytes at offset %d), cut short"
                                    + " when the process stopped",
                            file, size - position, position));
                } else {
                    LOG.log(Level.WARNING, String.format(
                            "Session log %s: ignored %d damaged bytes at the end, from offset %d",
                            file, size - position, position));
                }
                result.validEnd = position;
                return result;
            }
            result.damagedRegions++;
            result.damagedBytes += next - position;
            LOG.log(Level.WARNING, String.format(
                    "Session log %s: skipped %d damaged bytes at offset %d; the records from offset %d on were"
                            + " recovered",
                    file, next - position, position, next));
            position = next;
        }
        result.validEnd = position;
        return result;
    }

    /** @return the offset of the next whole, well-formed record at or after {@code from}, or -1 if there is none */
    private long nextRecord(long from) throws IOException {
        for (long candidate = from; candidate <= size - FRAME_OVERHEAD; candidate++) {
            if (frameAt(candidate) > 0) {
                return candidate;
            }
        }
        return -1;
    }

    /**
     * @return the length of the frame at {@code position} if it is whole, its checksum matches and its body parses
     *     (then held in the fields); {@link #INCOMPLETE} if it runs past the end of the file; {@link #INVALID} else
     */
    private long frameAt(long position) throws IOException {
        if (size - position < FRAME_OVERHEAD) {
            return INCOMPLETE;
        }
        int lengthIndex = ensure(position, 4);
        int bodyLength = window.getInt(lengthIndex);
        if (bodyLength < 1 || bodyLength > MAX_BODY) {
            return INVALID;
        }
        long frameLength = FRAME_OVERHEAD + (long) bodyLength;
        if (position + frameLength > size) {
            return INCOMPLETE;
        }
        int typeIndex = ensure(position + 4, 1);
        if (!plausible(window.get(typeIndex), bodyLength) || !checksumMatches(position, bodyLength)) {
            return INVALID;
        }
        return parse(position + 4, bodyLength) ? frameLength : INVALID;
    }

    private static boolean plausible(byte type, int bodyLength) {
        switch (type) {
            case ADD:
                return bodyLength >= ADD_FIXED_BODY + 10;
            case UPDATE:
                return bodyLength == UPDATE_BODY;
            case REMOVE:
                return bodyLength == REMOVE_BODY;
            case ADD_INCOMING:
            case REMOVE_INCOMING:
                return bodyLength == INCOMING_BODY;
            case CLEAR:
                return bodyLength == CLEAR_BODY;
            default:
                return false;
        }
    }

    private boolean checksumMatches(long position, int bodyLength) throws IOException {
        long checked = 4L + bodyLength;
        crc.reset();
        // in window-sized pieces, so that a damaged length field never makes us allocate what it claims
        for (long done = 0; done < checked; ) {
            int piece = (int) Math.min(checked - done, window.capacity());
            int index = ensure(position + done, piece);
            crc.update(window.array(), window.arrayOffset() + index, piece);
            done += piece;
        }
        int checksumIndex = ensure(position + checked, 4);
        return window.getInt(checksumIndex) == (int) crc.getValue();
    }

    private boolean parse(long bodyPosition, int bodyLength) throws IOException {
        int index = ensure(bodyPosition, bodyLength);
        ByteBuffer body = window.duplicate().limit(index + bodyLength).position(index);
        try {
            type = body.get();
            switch (type) {
                case ADD:
                case UPDATE:
                    sequence = body.getLong();
                    packetId = body.getShort() & 0xFFFF;
                    byte releasedFlag = body.get();
                    if (releasedFlag != 0 && releasedFlag != 1) {
                        return false;
                    }
                    released = releasedFlag == 1;
                    message = type == ADD ? MessageSerializer.read(body) : null;
                    return true;
                case REMOVE:
                    sequence = body.getLong();
                    return true;
                case ADD_INCOMING:
                case REMOVE_INCOMING:
                    packetId = body.getShort() & 0xFFFF;
                    return true;
                case CLEAR:
                    return true;
                default:
                    return false;
            }
        } catch (CorruptRecordException | IllegalArgumentException e) {
            return false;
        }
    }

    private void apply(SessionState state, int frameLength) {
        switch (type) {
            case ADD:
                state.add(PersistedPublish.of(sequence, packetId, released, message), frameLength);
                break;
            case UPDATE:
                state.update(sequence, packetId, released, null);
                break;
            case REMOVE:
                state.remove(sequence);
                break;
            case ADD_INCOMING:
                state.addIncoming(packetId);
                break;
            case REMOVE_INCOMING:
                state.removeIncoming(packetId);
                break;
            case CLEAR:
                state.clear();
                break;
            default:
                throw new IllegalStateException("record type " + type + " passed parsing");
        }
        message = null;
    }

    /**
     * Makes {@code length} bytes from file offset {@code position} (all inside the file) available in the window.
     *
     * @return the window index of {@code position}
     */
    private int ensure(long position, int length) throws IOException {
        if (position >= windowStart && position + length <= windowStart + window.limit()) {
            return (int) (position - windowStart);
        }
        if (length > window.capacity()) {
            window = ByteBuffer.allocate(length);
        }
        window.clear().limit((int) Math.min(window.capacity(), size - position));
        while (window.hasRemaining()) {
            if (channel.read(window, position + window.position()) < 0) {
                throw new EOFException(file + " became shorter while it was read");
            }
        }
        window.position(0);
        windowStart = position;
        return 0;
    }
}
