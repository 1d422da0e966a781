package io.edgemqtt.impl.io;

import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.impl.codec.MalformedPacketException;
import io.edgemqtt.impl.codec.MqttPacket;
import io.edgemqtt.impl.codec.Publish;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * One network connection to a broker: the socket, the bytes waiting to be written, and the framing of what is read
 * into packets. Everything runs on the {@link EventLoop} thread. Writes are batched: packets sent during one turn of
 * the loop leave in one gathering write.
 */
public final class MqttConnection implements ChannelHandler {
    /** What the connection tells its owner, on the loop thread. */
    public interface Listener {
        /** TCP (and TLS) is up: CONNECT may be sent. */
        void transportReady();

        /**
         * A packet arrived.
         *
         * @param packet the packet
         */
        void packetReceived(MqttPacket packet);

        /**
         * The connection is closed; called once, unless closed with {@link #close(MqttException, boolean)} quietly.
         *
         * @param cause why
         */
        void connectionClosed(MqttException cause);

        /** Everything queued was written to the socket. */
        void writeDrained();
    }

    private static final int CHUNK = 16 * 1024;
    private static final int FIRST_CHUNK = 256;
    private static final int INITIAL_READ_BUFFER = 2 * 1024;
    /**
     * A read that fills the buffer grows it up to this size, so a busy connection takes several packets per read
     * system call instead of one; larger buffers are only ever made to hold one packet that is larger.
     */
    private static final int BUSY_READ_BUFFER = 64 * 1024;
    /** A large read buffer is given up after this many reads in a row that left it empty and used little of it. */
    private static final int LIGHT_READS_BEFORE_SHRINK = 16;
    /** Payloads at least this large are written from the message's own buffer instead of being copied. */
    private static final int ZERO_COPY_PAYLOAD = 4 * 1024;
    /** Most bytes read from one connection per turn of the loop, so one busy connection cannot starve the others. */
    private static final int READ_BUDGET = 256 * 1024;

    private final EventLoop loop;
    private final SocketChannel channel;
    private final InetSocketAddress address;
    private final Transport transport;
    private final PacketCodec codec;
    private final Listener listener;
    private final Runnable flushTask = this::flush;
    private final Runnable readTask = () -> {
        readScheduled = false;
        readable();
    };

    private SelectionKey key;
    private ByteBuffer readBuffer = ByteBuffer.allocate(INITIAL_READ_BUFFER);
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    /** Packets are encoded here; slices of it wait in {@link #pending} until written. */
    private ByteBuffer chunk;
    /** Bytes of {@link #chunk} before this index are already queued as a slice. */
    private int sealedUpTo;
    /** Slices of {@link #chunk} still queued: the chunk is rewound for reuse when none is left. */
    private int chunkSlices;
    private ByteBuffer[] gather = new ByteBuffer[8];
    private int queuedBytes;
    private boolean flushScheduled;
    private boolean readScheduled;
    private int lightReads;
    private boolean handshaking;
    private boolean readingPaused;
    private boolean closed;
    private long bytesSent;
    private long bytesReceived;
    private long lastReadNanos = System.nanoTime();
    private long lastWriteNanos = System.nanoTime();

    /**
     * @param loop the loop that owns this connection
     * @param address the resolved server address
     * @param transport plain or TLS
     * @param codec the packet codec for the negotiated version and limits
     * @param listener the owner
     * @throws IOException if no socket could be opened
     */
    public MqttConnection(
            EventLoop loop, InetSocketAddress address, Transport transport, PacketCodec codec, Listener listener)
            throws IOException {
        this.loop = loop;
        this.address = address;
        this.transport = transport;
        this.codec = codec;
        this.listener = listener;
        this.channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
    }

    /**
     * Starts the non-blocking connect.
     *
     * @throws IOException if it fails at once
     */
    public void open() throws IOException {
        if (channel.connect(address)) {
            // connected at once (loopback): the handshake starts on the next turn, so that its failure is reported
            // like any other, not thrown to the caller of open()
            key = loop.register(channel, 0, this);
            loop.execute(this::startHandshake);
        } else {
            key = loop.register(channel, SelectionKey.OP_CONNECT, this);
        }
    }

    @Override
    public void connectable() {
        try {
            if (!channel.finishConnect()) {
                return;
            }
        } catch (IOException e) {
            close(new MqttException(ReasonCode.SERVER_UNAVAILABLE,
                    "cannot connect to " + address + ": " + describe(e), e), false);
            return;
        }
        startHandshake();
    }

    private void startHandshake() {
        if (closed) {
            return;
        }
        handshaking = true;
        try {
            continueHandshake();
        } catch (IOException e) {
            close(handshakeFailure(e), false);
        }
    }

    private void continueHandshake() throws IOException {
        if (transport.handshake(channel)) {
            handshaking = false;
            key.interestOps(readingPaused ? 0 : SelectionKey.OP_READ);
            listener.transportReady();
        } else {
            key.interestOps(transport.handshakeWantsWrite() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    /**
     * Queues a packet; it is written at the end of this turn of the loop.
     *
     * @param packet the packet
     */
    public void send(MqttPacket packet) {
        if (closed) {
            return;
        }
        if (packet instanceof Publish && ((Publish) packet).message().payloadSize() >= ZERO_COPY_PAYLOAD) {
            Publish publish = (Publish) packet;
            int headerSize = codec.publishHeaderSize(publish);
            codec.encodePublishHeader(publish, reserve(headerSize));
            seal();
            ByteBuffer payload = publish.message().payload();
            pending.add(payload);
            queuedBytes += headerSize + payload.remaining();
        } else {
            int size = codec.encodedSize(packet);
            codec.encode(packet, reserve(size));
            queuedBytes += size;
        }
        scheduleFlush();
    }

    /** @return bytes queued and not yet written to the socket */
    public int queuedBytes() {
        return queuedBytes;
    }

    /**
     * Room for {@code size} bytes at the end of the chunk. A chunk starts small (an idle client keeps a few hundred
     * bytes, not 16 KiB) and doubles up to {@value #CHUNK} as traffic needs; it is rewound once everything encoded in
     * it was written, so a busy connection allocates no new buffer per packet.
     */
    private ByteBuffer reserve(int size) {
        if (chunk == null) {
            chunk = ByteBuffer.allocate(Math.max(FIRST_CHUNK, size));
        } else if (chunk.remaining() < size) {
            seal();
            if (chunkSlices == 0 && chunk.capacity() >= size) {
                chunk.clear();
            } else {
                // still being written from: leave it to its slices and start another, larger one
                chunk = ByteBuffer.allocate(Math.max(Math.min(CHUNK, chunk.capacity() * 2), size));
                chunkSlices = 0;
            }
            sealedUpTo = 0;
        }
        return chunk;
    }

    /** Queues what was encoded into the chunk since the last seal, as a slice; the chunk goes on filling after it. */
    private void seal() {
        if (chunk != null && chunk.position() > sealedUpTo) {
            ByteBuffer slice = chunk.duplicate();
            slice.position(sealedUpTo).limit(chunk.position());
            pending.add(slice);
            sealedUpTo = chunk.position();
            chunkSlices++;
        }
    }

    /** A queued buffer was written out: a slice of the current chunk frees its space once all of them are out. */
    private void written(ByteBuffer buffer) {
        if (chunk != null && buffer.hasArray() && buffer.array() == chunk.array() && --chunkSlices == 0
                && sealedUpTo == chunk.position()) {
            chunk.clear();
            sealedUpTo = 0;
        }
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            loop.execute(flushTask);
        }
    }

    /** Writes what is queued, as far as the socket takes it; the rest goes when the socket is writable. */
    public void flush() {
        flushScheduled = false;
        if (closed || handshaking || key == null) {
            return;
        }
        seal();
        try {
            if (transport.hasPendingOutput() && !transport.flushPending(channel)) {
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                return;
            }
            while (!pending.isEmpty()) {
                int count = Math.min(pending.size(), 64);
                if (gather.length < count) {
                    gather = new ByteBuffer[count];
                }
                int i = 0;
                for (ByteBuffer buffer : pending) {
                    if (i == count) {
                        break;
                    }
                    gather[i++] = buffer;
                }
                long written = transport.write(channel, gather, 0, count);
                if (written > 0) {
                    bytesSent += written;
                    queuedBytes -= (int) written;
                    lastWriteNanos = System.nanoTime();
                }
                while (!pending.isEmpty() && !pending.peek().hasRemaining()) {
                    written(pending.poll());
                }
                java.util.Arrays.fill(gather, 0, count, null);
                if (written == 0 || transport.hasPendingOutput()) {
                    break;
                }
            }
            boolean wantWrite = !pending.isEmpty() || transport.hasPendingOutput();
            int ops = key.interestOps();
            key.interestOps(wantWrite ? ops | SelectionKey.OP_WRITE : ops & ~SelectionKey.OP_WRITE);
            if (!wantWrite) {
                listener.writeDrained();
            }
        } catch (IOException e) {
            close(new MqttException(ReasonCode.SERVER_UNAVAILABLE,
                    "connection to " + address + " lost while writing: " + transport.explain(e).orElse(describe(e)), e),
                    false);
        }
    }

    @Override
    public void writable() {
        if (handshaking) {
            try {
                continueHandshake();
            } catch (IOException e) {
                close(handshakeFailure(e), false);
            }
            return;
        }
        flush();
    }

    @Override
    public void readable() {
        if (handshaking) {
            try {
                continueHandshake();
            } catch (IOException e) {
                close(handshakeFailure(e), false);
            }
            return;
        }
        try {
            int budget = READ_BUDGET;
            while (!closed && !readingPaused && budget > 0) {
                int read = transport.read(channel, readBuffer);
                if (read < 0) {
                    close(new MqttException(ReasonCode.SERVER_UNAVAILABLE,
                            "connection closed by " + address), false);
                    return;
                }
                if (read == 0) {
                    break;
                }
                boolean filled = !readBuffer.hasRemaining();
                bytesReceived += read;
                budget -= read;
                lastReadNanos = System.nanoTime();
                decodeBuffered(filled, read);
            }
            if (!closed) {
                afterRead();
            }
        } catch (MalformedPacketException e) {
            malformed(e);
        } catch (IOException e) {
            // TLS 1.3: a broker that refuses our client certificate says so after our side finished the handshake
            close(new MqttException(ReasonCode.SERVER_UNAVAILABLE, "connection to " + address
                    + " lost while reading: " + transport.explain(e).orElse(describe(e)), e), false);
        }
    }

    /**
     * TLS leaves work the selector cannot see: records the engine answered while reading (key update, close_notify)
     * that the socket did not take yet, and decrypted bytes left when the read budget ran out.
     */
    private void afterRead() {
        if (transport.hasPendingOutput() && key.isValid()) {
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        }
        scheduleBufferedRead();
    }

    private void scheduleBufferedRead() {
        if (!closed && !readingPaused && !handshaking && !readScheduled && transport.hasBufferedInput()) {
            readScheduled = true;
            loop.execute(readTask);
        }
    }

    private void decodeBuffered() throws MalformedPacketException {
        decodeBuffered(false, Integer.MAX_VALUE);
    }

    /**
     * @param filled the read before filled the buffer: more is probably waiting in the socket
     * @param read how many bytes that read brought
     */
    private void decodeBuffered(boolean filled, int read) throws MalformedPacketException {
        readBuffer.flip();
        try {
            while (!closed && !readingPaused) {
                MqttPacket packet = codec.decode(readBuffer);
                if (packet == null) {
                    break;
                }
                listener.packetReceived(packet);
            }
        } finally {
            if (!closed) {
                readBuffer.compact();
                ensureReadCapacity(filled, read);
            }
        }
    }

    /**
     * Sizes the buffer for what comes next: large enough for the next packet once its length is known (and back to
     * small once that packet, if larger than {@value #BUSY_READ_BUFFER}, is done); up to {@value
     * #BUSY_READ_BUFFER} while reads keep filling it; back to {@value #INITIAL_READ_BUFFER} after {@value
     * #LIGHT_READS_BEFORE_SHRINK} reads in a row that brought little and left it empty (an idle client keeps a small
     * buffer).
     */
    private void ensureReadCapacity(boolean filled, int read) throws MalformedPacketException {
        readBuffer.flip();
        int needed = codec.frameLength(readBuffer);
        readBuffer.compact();
        int capacity = readBuffer.capacity();
        if (needed > capacity) {
            resizeReadBuffer(Math.max(needed, Math.min(BUSY_READ_BUFFER, capacity * 2)));
        } else if (filled && capacity < BUSY_READ_BUFFER) {
            resizeReadBuffer(Math.min(BUSY_READ_BUFFER, capacity * 2));
        } else if (readBuffer.position() == 0 && capacity > BUSY_READ_BUFFER) {
            readBuffer = ByteBuffer.allocate(INITIAL_READ_BUFFER); // made for one large packet, which is done
        } else if (readBuffer.position() == 0 && capacity > INITIAL_READ_BUFFER && read < capacity / 8) {
            if (++lightReads == LIGHT_READS_BEFORE_SHRINK) {
                readBuffer = ByteBuffer.allocate(INITIAL_READ_BUFFER);
                lightReads = 0;
            }
            return;
        }
        lightReads = 0;
    }

    private void resizeReadBuffer(int capacity) {
        ByteBuffer resized = ByteBuffer.allocate(capacity);
        readBuffer.flip();
        resized.put(readBuffer);
        readBuffer = resized;
    }

    /** Stops reading (receive back-pressure); bytes already read wait, undecoded. */
    public void pauseReading() {
        if (!readingPaused) {
            readingPaused = true;
            if (key != null && key.isValid() && !handshaking) {
                key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
            }
        }
    }

    /** Reads again after {@link #pauseReading()}, starting with what was already read. */
    public void resumeReading() {
        if (readingPaused && !closed) {
            readingPaused = false;
            if (key != null && key.isValid() && !handshaking) {
                key.interestOps(key.interestOps() | SelectionKey.OP_READ);
                lastReadNanos = System.nanoTime(); // the broker was not silent, we were not listening
                try {
                    if (readBuffer.position() > 0) {
                        decodeBuffered();
                    }
                    scheduleBufferedRead();
                } catch (MalformedPacketException e) {
                    malformed(e);
                }
            }
        }
    }

    /** Tells an MQTT 5 broker why (DISCONNECT with the reason code, MQTT-4.13.1-1) and closes the connection. */
    private void malformed(MalformedPacketException e) {
        if (codec.version() == io.edgemqtt.api.MqttVersion.V5) {
            send(io.edgemqtt.impl.codec.Disconnect.of(e.reasonCode()));
            flush();
        }
        close(new MqttException(e.reasonCode(), "broker " + address + " sent a malformed packet: " + e.getMessage(),
                e), false);
    }

    /** @return true while reading is paused */
    public boolean isReadingPaused() {
        return readingPaused;
    }

    /** @return {@link System#nanoTime()} of the last read */
    public long lastReadNanos() {
        return lastReadNanos;
    }

    /** @return {@link System#nanoTime()} of the last write */
    public long lastWriteNanos() {
        return lastWriteNanos;
    }

    /** @return bytes written so far */
    public long bytesSent() {
        return bytesSent;
    }

    /** @return bytes read so far */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** @return the server address */
    public InetSocketAddress address() {
        return address;
    }

    /** @return true once closed */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the socket and drops what was not written. Idempotent.
     *
     * @param cause why
     * @param quiet true to not tell the listener (the owner closed it on purpose and knows)
     */
    public void close(MqttException cause, boolean quiet) {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.cancel();
        }
        if (!handshaking) {
            transport.close(channel);
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        pending.clear();
        chunk = null;
        chunkSlices = 0;
        sealedUpTo = 0;
        readBuffer = ByteBuffer.allocate(0);
        queuedBytes = 0;
        if (!quiet) {
            listener.connectionClosed(cause);
        }
    }

    /** Writes what is queued (best effort, without waiting) and closes, quietly. Used after DISCONNECT. */
    public void flushAndClose() {
        flush();
        close(null, true);
    }

    @Override
    public void failed(RuntimeException failure) {
        close(new MqttException(ReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
                "internal error on the connection to " + address + ": " + failure, failure), false);
    }

    @Override
    public void loopClosed() {
        close(new MqttException(ReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, "the MQTT engine is shutting down"), false);
    }

    private MqttException handshakeFailure(IOException e) {
        return new MqttException(ReasonCode.SERVER_UNAVAILABLE,
                "TLS handshake with " + address + " failed: " + transport.explain(e).orElse(describe(e)), e);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
