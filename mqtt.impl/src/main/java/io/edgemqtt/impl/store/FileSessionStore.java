package io.edgemqtt.impl.store;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import io.edgemqtt.api.spi.PersistedPublish;
import io.edgemqtt.api.spi.SessionStore;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * A session store that survives a kill of the process: an append-only log of changes (format in
 * {@link SessionLogFormat}) in a folder of its own per client id, rewritten with only the live records once it holds
 * mostly dead ones.
 *
 * <p>Every write method hands its record to the operating system with one positional write before it returns, so a
 * {@code kill -9} loses nothing that was acknowledged (the page cache outlives the process). Surviving a power cut as
 * well needs {@link Options#syncEveryWrite(boolean)}, which costs an fsync per write.
 *
 * <p>The live state is also kept in memory (the {@link PersistedPublish} objects the engine handed in, not copies):
 * loading answers from it, and compaction writes it out. A lock file keeps a second process (or a second open in this
 * one) away from the same client's folder.
 *
 * <p>Thread-safe; the engine calls it from one thread at a time anyway.
 */
public final class FileSessionStore implements SessionStore {
    static final String LOG_FILE = "session.log";
    static final String COMPACT_FILE = "session.log.compact";
    static final String LOCK_FILE = "session.lock";
    static final String CLIENT_ID_FILE = "client-id";

    private static final System.Logger LOG = System.getLogger(FileSessionStore.class.getName());
    private static final int BUFFER_SIZE = 64 * 1024;

    /** How the store trades speed for durability and disk space. Immutable. */
    public static final class Options {
        private static final Options DEFAULTS = new Options(false, 8L << 20, 4);

        private final boolean syncEveryWrite;
        private final long compactionMinBytes;
        private final int compactionRatio;

        private Options(boolean syncEveryWrite, long compactionMinBytes, int compactionRatio) {
            this.syncEveryWrite = syncEveryWrite;
            this.compactionMinBytes = compactionMinBytes;
            this.compactionRatio = compactionRatio;
        }

        /** @return no fsync per write; compaction once the log exceeds 8 MiB and four times its live records */
        public static Options defaults() {
            return DEFAULTS;
        }

        /**
         * @param sync true to force every write to the storage device before returning (survives power loss; slow)
         * @return options with this setting
         */
        public Options syncEveryWrite(boolean sync) {
            return new Options(sync, compactionMinBytes, compactionRatio);
        }

        /**
         * @param minBytes never compact a log smaller than this
         * @param ratio compact when the log is more than this many times the size of its live records (at least 2)
         * @return options with this setting
         */
        public Options compactWhenLargerThan(long minBytes, int ratio) {
            if (minBytes < 0 || ratio < 2) {
                throw new IllegalArgumentException("need minBytes >= 0 and ratio >= 2, got " + minBytes + ", " + ratio);
            }
            return new Options(syncEveryWrite, minBytes, ratio);
        }

        /** @return whether every write is forced to the device */
        public boolean isSyncEveryWrite() {
            return syncEveryWrite;
        }

        /** @return the log size below which the store never compacts */
        public long compactionMinBytes() {
            return compactionMinBytes;
        }

        /** @return how many times its live size the log may grow before compaction */
        public int compactionRatio() {
            return compactionRatio;
        }
    }

    private final Path folder;
    private final Path logFile;
    private final String clientId;
    private final Options options;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final SessionState state = new SessionState();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
    private final CRC32 crc = new CRC32();

    private FileChannel log;
    private long end;
    /** No compaction while the log is smaller: the minimum, or more after a compaction failed. */
    private long compactionFloor;
    private IOException failure;
    private boolean closed;

    private FileSessionStore(Path folder, String clientId, Options options, FileChannel lockChannel, FileLock lock) {
        this.folder = folder;
        this.logFile = folder.resolve(LOG_FILE);
        this.clientId = clientId;
        this.options = options;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.compactionFloor = options.compactionMinBytes;
    }

    /**
     * Opens the store of one client with {@link Options#defaults()}.
     *
     * @param directory the folder holding the stores of all clients; created if missing
     * @param clientId the client identifier (any string)
     * @return the open store, loaded
     * @throws IOException if the store cannot be read or created, or is open already (here or in another process)
     */
    public static FileSessionStore open(Path directory, String clientId) throws IOException {
        return open(directory, clientId, Options.defaults());
    }

    /**
     * Opens the store of one client, in a sub-folder of {@code directory} named after the client id.
     *
     * @param directory the folder holding the stores of all clients; created if missing
     * @param clientId the client identifier (any string)
     * @param options durability and compaction settings
     * @return the open store, loaded
     * @throws IOException if the store cannot be read or created, or is open already (here or in another process)
     */
    public static FileSessionStore open(Path directory, String clientId, Options options) throws IOException {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(options, "options");
        Path folder = folderOf(directory, clientId);
        Files.createDirectories(folder);
        Path lockFile = folder.resolve(LOCK_FILE);
        FileChannel lockChannel = FileChannel.open(lockFile, CREATE, WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lockChannel.close();
            throw new IOException("The session store of client " + describe(clientId) + " in " + folder
                    + " is already open in this process", e);
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("The session store of client " + describe(clientId) + " in " + folder
                    + " is in use by another process (it holds the lock on " + lockFile + ")");
        }
        FileSessionStore store = new FileSessionStore(folder, clientId, options, lockChannel, lock);
        try {
            store.load();
            return store;
        } catch (IOException | RuntimeException | Error e) {
            try {
                store.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** @return the folder that holds the store of {@code clientId} */
    static Path folderOf(Path directory, String clientId) {
        return directory.resolve(ClientIdFileNames.encode(clientId));
    }

    /** @return the folder of this client's store */
    public Path folder() {
        return folder;
    }

    @Override
    public synchronized List<PersistedPublish> loadOutgoing() throws IOException {
        checkOpen();
        return state.outgoing();
    }

    @Override
    public synchronized Set<Integer> loadIncoming() throws IOException {
        checkOpen();
        return state.incoming();
    }

    @Override
    public synchronized void add(PersistedPublish publish) throws IOException {
        checkWritable();
        int frameSize = SessionLogFormat.addFrameSize(publish);
        ByteBuffer out = frameBuffer(frameSize);
        SessionLogFormat.putAdd(out, publish, frameSize, crc);
        append(out);
        state.add(publish, frameSize);
    }

    @Override
    public synchronized void update(PersistedPublish publish) throws IOException {
        checkWritable();
        if (!state.contains(publish.sequence())) {
            return; // removed already (or never added): there is nothing to change
        }
        ByteBuffer out = frameBuffer(SessionLogFormat.FRAME_OVERHEAD + SessionLogFormat.UPDATE_BODY);
        SessionLogFormat.putUpdate(out, publish, crc);
        append(out);
        state.update(publish.sequence(), publish.packetId(), publish.isReleased(), publish);
        compactIfWorthIt();
    }

    @Override
    public synchronized void remove(long sequence) throws IOException {
        checkWritable();
        if (!state.contains(sequence)) {
            return;
        }
        ByteBuffer out = frameBuffer(SessionLogFormat.FRAME_OVERHEAD + SessionLogFormat.REMOVE_BODY);
        SessionLogFormat.putRemove(out, sequence, crc);
        append(out);
        state.remove(sequence);
        compactIfWorthIt();
    }

    @Override
    public synchronized void addIncoming(int packetId) throws IOException {
        checkPacketId(packetId);
        checkWritable();
        if (state.hasIncoming(packetId)) {
            return;
        }
        ByteBuffer out = frameBuffer(SessionLogFormat.INCOMING_FRAME);
        SessionLogFormat.putIncoming(out, SessionLogFormat.ADD_INCOMING, packetId, crc);
        append(out);
        state.addIncoming(packetId);
    }

    @Override
    public synchronized void removeIncoming(int packetId) throws IOException {
        checkPacketId(packetId);
        checkWritable();
        if (!state.hasIncoming(packetId)) {
            return;
        }
        ByteBuffer out = frameBuffer(SessionLogFormat.INCOMING_FRAME);
        SessionLogFormat.putIncoming(out, SessionLogFormat.REMOVE_INCOMING, packetId, crc);
        append(out);
        state.removeIncoming(packetId);
        compactIfWorthIt();
    }

    @Override
    public synchronized void clear() throws IOException {
        checkWritable();
        ByteBuffer out = frameBuffer(SessionLogFormat.FRAME_OVERHEAD + SessionLogFormat.CLEAR_BODY);
        SessionLogFormat.putClear(out, crc);
        append(out);
        state.clear();
        compactIfWorthIt();
    }

    /** Releases the lock and the files; the content stays for the next open. Closing twice does nothing. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failed = null;
        for (AutoCloseable resource : new AutoCloseable[] {log, lock, lockChannel}) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                if (failed == null) {
                    failed = e instanceof IOException ? (IOException) e : new IOException(e);
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    @Override
    public String toString() {
        return "FileSessionStore[" + folder + "]";
    }

    /** @return the log file, for tests */
    Path logFile() {
        return logFile;
    }

    /** @return where the next record goes, which is the log's size */
    synchronized long logSize() {
        return end;
    }

    /** Rewrites the log with only the live records, through a new file renamed over the old one. */
    synchronized void compact() throws IOException {
        checkWritable();
        Path compacted = folder.resolve(COMPACT_FILE);
        long compactedSize;
        try {
            compactedSize = writeCompacted(compacted);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(compacted);
            throw e;
        }
        log.close(); // Windows cannot replace a file that is open
        boolean replaced = false;
        try {
            Files.move(compacted, logFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            replaced = true;
        } finally {
            if (!replaced) {
                Files.deleteIfExists(compacted);
            }
            log = FileChannel.open(logFile, READ, WRITE);
        }
        end = compactedSize;
        syncFolder();
    }

    /**
     * Writes a log holding only the live records to {@code target} and forces it to the device (so that once it is
     * renamed over the log, it is whole even after a power cut).
     *
     * @return its size
     */
    synchronized long writeCompacted(Path target) throws IOException {
        try (FileChannel out = FileChannel.open(target, CREATE, TRUNCATE_EXISTING, WRITE)) {
            buffer.clear();
            SessionLogFormat.putFileHeader(buffer);
            long written = 0;
            for (SessionState.Entry entry : state.entries()) {
                if (entry.frameSize > buffer.remaining()) {
                    written += drain(out, buffer, written);
                }
                if (entry.frameSize > buffer.capacity()) {
                    ByteBuffer large = ByteBuffer.allocate(entry.frameSize);
                    SessionLogFormat.putAdd(large, entry.publish, entry.frameSize, crc);
                    written += drain(out, large, written);
                } else {
                    SessionLogFormat.putAdd(buffer, entry.publish, entry.frameSize, crc);
                }
            }
            for (int packetId : state.incomingIds()) {
                if (SessionLogFormat.INCOMING_FRAME > buffer.remaining()) {
                    written += drain(out, buffer, written);
                }
                SessionLogFormat.putIncoming(buffer, SessionLogFormat.ADD_INCOMING, packetId, crc);
            }
            written += drain(out, buffer, written);
            out.force(true);
            return written;
        }
    }

    private void load() throws IOException {
        checkClientIdFile();
        // a compaction that did not finish: the log it was to replace is still whole and still the truth
        Files.deleteIfExists(folder.resolve(COMPACT_FILE));
        if (!Files.exists(logFile) || Files.size(logFile) < SessionLogFormat.FILE_HEADER_SIZE) {
            // missing, or a header cut short by a crash of code that wrote it in place: nothing to lose
            Path fresh = folder.resolve(COMPACT_FILE);
            writeCompacted(fresh);
            Files.move(fresh, logFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncFolder();
        }
        log = FileChannel.open(logFile, READ, WRITE);
        SessionLogReader reader = new SessionLogReader(log, logFile);
        String headerProblem = reader.checkHeader();
        if (headerProblem != null) {
            throw new IOException("Cannot read the session log " + logFile + ": " + headerProblem
                    + "; move the file away to start with an empty session");
        }
        SessionLogReader.Result result = reader.read(state);
        end = result.validEnd;
        if (log.size() > end) {
            log.truncate(end); // the next record must not land behind the unreadable rest
        }
        if (result.damagedRegions > 0) {
            compact(); // so that the damage is reported once, not on every open
        } else {
            compactIfWorthIt();
        }
    }

    private void checkClientIdFile() throws IOException {
        Path idFile = folder.resolve(CLIENT_ID_FILE);
        byte[] expected = clientId.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] found = Files.readAllBytes(idFile);
            if (!Arrays.equals(found, expected)) {
                throw new IOException("The session store folder " + folder + " belongs to client "
                        + describe(new String(found, StandardCharsets.UTF_8)) + ", not " + describe(clientId));
            }
        } catch (NoSuchFileException e) {
            // first open; written through a rename so that a crash never leaves a half id behind
            Path partial = folder.resolve(CLIENT_ID_FILE + ".new");
            Files.write(partial, expected);
            Files.move(partial, idFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private ByteBuffer frameBuffer(int frameSize) {
        if (frameSize <= buffer.capacity()) {
            buffer.clear();
            return buffer;
        }
        return ByteBuffer.allocate(frameSize);
    }

    /** Writes the frame in {@code out} (position 0 to position) at the end of the log. */
    private void append(ByteBuffer out) throws IOException {
        out.flip();
        long position = end;
        try {
            while (out.hasRemaining()) {
                position += log.write(out, position);
            }
            if (options.syncEveryWrite) {
                log.force(false);
            }
        } catch (IOException e) {
            // a partial record must not stay in front of the next one
            if (log.isOpen()) {
                try {
                    log.truncate(end);
                } catch (IOException again) {
                    e.addSuppressed(again);
                    failure = e;
                }
            }
            throw e;
        }
        end = position;
    }

    private void compactIfWorthIt() {
        if (end <= compactionFloor || end <= options.compactionRatio * state.compactedSize()) {
            return;
        }
        try {
            compact();
            compactionFloor = options.compactionMinBytes;
        } catch (IOException e) {
            // the log is still whole; try again once it has doubled
            compactionFloor = Math.max(compactionFloor, end * 2);
            LOG.log(Level.WARNING, "Could not compact the session log " + logFile + "; it keeps growing", e);
        }
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("The session store of client " + describe(clientId) + " is closed");
        }
    }

    private void checkWritable() throws IOException {
        checkOpen();
        if (failure != null) {
            throw new IOException("The session log " + logFile + " could not be repaired after a failed write;"
                    + " reopen the store", failure);
        }
        if (!log.isOpen()) {
            // closed under us by an interrupt of the calling thread: reopen, and drop whatever the interrupted write
            // may have left behind the last whole record
            log = FileChannel.open(logFile, READ, WRITE);
            log.truncate(end);
        }
    }

    private static void checkPacketId(int packetId) {
        if (packetId < 1 || packetId > 65_535) {
            throw new IllegalArgumentException("packet id must be 1..65535, was " + packetId);
        }
    }

    private static long drain(FileChannel out, ByteBuffer frames, long position) throws IOException {
        frames.flip();
        long written = 0;
        while (frames.hasRemaining()) {
            written += out.write(frames, position + written);
        }
        frames.clear();
        return written;
    }

    private void syncFolder() {
        try (FileChannel directory = FileChannel.open(folder, READ)) {
            directory.force(true);
        } catch (IOException e) {
            // not every platform can sync a directory (Windows cannot); the rename is atomic all the same
        }
    }

    private static String describe(String clientId) {
        String shown = clientId.length() > 80 ? clientId.substring(0, 80) + "..." : clientId;
        return "'" + shown + "'";
    }
}
