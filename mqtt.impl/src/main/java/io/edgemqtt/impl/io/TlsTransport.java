package io.edgemqtt.impl.io;

import io.edgemqtt.api.spi.TransportSecurity;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;

/**
 * TLS over a non-blocking socket with an {@link SSLEngine} from a {@link TransportSecurity} profile. Loop thread only.
 *
 * <p>Three buffers: {@code netIn} (write mode) holds bytes read from the socket that are not yet unwrapped, possibly a
 * partial record; {@code appIn} (read mode) holds decrypted bytes not yet handed to the connection; {@code netOut}
 * (read mode) holds records not yet accepted by the socket. Writes wrap one record at a time and push it to the socket
 * before wrapping the next, so {@code netOut} stays about one record long and back-pressure reaches the caller as a
 * short write. Records that arrive after the handshake (TLS 1.3 session tickets, key updates, alerts, close_notify) are
 * handled on the read path; whatever the engine must answer is wrapped and flushed there.
 *
 * <p>Because decrypted bytes can wait here while the socket has nothing more to read, the connection asks
 * {@link #hasBufferedInput()} before it stops reading, instead of waiting for the selector.
 *
 * <p>Handshake tasks run inline: they are short (certificate checks), and running them elsewhere would need the
 * connection to wait anyway.
 */
public final class TlsTransport implements Transport {
    private static final ByteBuffer[] NOTHING = {ByteBuffer.allocate(0)};
    /** TLS record header: type (1), version (2), length (2). */
    private static final int RECORD_HEADER = 5;

    private final TransportSecurity security;
    private final SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;
    private boolean handshakeStarted;
    private boolean wantsWrite;
    private boolean inboundDone;
    private boolean endOfStream;

    /**
     * @param security the TLS profile
     * @param host the server host (SNI, hostname verification)
     * @param port the server port
     */
    public TlsTransport(TransportSecurity security, String host, int port) {
        this.security = security;
        this.engine = security.createEngine(host, port);
        if (!engine.getUseClientMode()) {
            engine.setUseClientMode(true);
        }
        this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        netOut.flip();
        appIn.flip();
    }

    @Override
    public boolean handshake(SocketChannel channel) throws IOException {
        try {
            if (!handshakeStarted) {
                engine.beginHandshake();
                handshakeStarted = true;
            }
            while (true) {
                if (!flushPending(channel)) {
                    wantsWrite = true;
                    return false;
                }
                switch (engine.getHandshakeStatus()) {
                    case NEED_TASK:
                        runTasks();
                        break;
                    case NEED_WRAP:
                        if (wrap(NOTHING, 0, 1).getStatus() == Status.CLOSED && !netOut.hasRemaining()) {
                            throw new SSLException("the TLS engine closed during the handshake");
                        }
                        break;
                    case NEED_UNWRAP:
                    case NEED_UNWRAP_AGAIN:
                        SSLEngineResult result = unwrap();
                        if (result.getStatus() == Status.CLOSED) {
                            throw new EOFException("the server closed the TLS connection during the handshake");
                        }
                        if (result.getStatus() == Status.BUFFER_UNDERFLOW || result.bytesConsumed() == 0) {
                            int read = readSocket(channel);
                            if (read < 0) {
                                throw new EOFException("the server closed the connection during the TLS handshake");
                            }
                            if (read == 0) {
                                wantsWrite = false;
                                return false;
                            }
                        }
                        break;
                    default:
                        // NOT_HANDSHAKING: done once the last records are out
                        if (!flushPending(channel)) {
                            wantsWrite = true;
                            return false;
                        }
                        return true;
                }
            }
        } catch (SSLException e) {
            sendAlertQuietly(channel);
            throw e;
        } catch (IOException e) {
            throw withAlertFromServer(channel, e);
        }
    }

    @Override
    public boolean handshakeWantsWrite() {
        return wantsWrite;
    }

    @Override
    public int read(SocketChannel channel, ByteBuffer dst) throws IOException {
        try {
            return readRecords(channel, dst);
        } catch (IOException e) {
            throw withAlertFromServer(channel, e);
        }
    }

    private int readRecords(SocketChannel channel, ByteBuffer dst) throws IOException {
        int copied = drainAppIn(dst);
        if (copied > 0) {
            return copied;
        }
        while (true) {
            if (inboundDone) {
                return -1;
            }
            if (netIn.position() > 0) {
                SSLEngineResult result = unwrap();
                answerEngine(channel);
                copied = drainAppIn(dst);
                if (copied > 0) {
                    return copied;
                }
                if (inboundDone) {
                    return -1;
                }
                if (result.getStatus() == Status.OK && result.bytesConsumed() > 0) {
                    continue; // a record without application data (session ticket, key update): look at the next
                }
            }
            if (endOfStream) {
                return -1; // closed without close_notify, perhaps inside a record
            }
            int read = readSocket(channel);
            if (read < 0) {
                endOfStream = true;
            } else if (read == 0) {
                return 0;
            }
        }
    }

    /** After a post-handshake record: run tasks and send what the engine must answer (key update, close_notify). */
    private void answerEngine(SocketChannel channel) throws IOException {
        while (true) {
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                runTasks();
            } else if (status == HandshakeStatus.NEED_WRAP) {
                if (wrap(NOTHING, 0, 1).bytesProduced() == 0) {
                    break;
                }
            } else {
                break;
            }
        }
        flushPending(channel); // what the socket does not take now leaves with the next flush (hasPendingOutput)
    }

    private int readSocket(SocketChannel channel) throws IOException {
        if (!netIn.hasRemaining()) {
            // a record larger than the buffer (or several partial ones): make room for at least one more record
            ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() + engine.getSession().getPacketBufferSize());
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        return channel.read(netIn);
    }

    /** Unwraps as much of {@code netIn} as one engine call takes into {@code appIn}, growing {@code appIn} if needed. */
    private SSLEngineResult unwrap() throws SSLException {
        netIn.flip();
        try {
            while (true) {
                appIn.compact();
                SSLEngineResult result;
                try {
                    result = engine.unwrap(netIn, appIn);
                } finally {
                    appIn.flip();
                }
                if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                    ByteBuffer bigger = ByteBuffer.allocate(appIn.remaining()
                            + engine.getSession().getApplicationBufferSize());
                    bigger.put(appIn);
                    bigger.flip();
                    appIn = bigger;
                    continue;
                }
                if (result.getStatus() == Status.CLOSED) {
                    inboundDone = true;
                }
                return result;
            }
        } finally {
            netIn.compact();
        }
    }

    private SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length) throws SSLException {
        netOut.compact();
        try {
            while (true) {
                SSLEngineResult result = engine.wrap(srcs, offset, length, netOut);
                if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                    ByteBuffer bigger = ByteBuffer.allocate(netOut.position()
                            + engine.getSession().getPacketBufferSize());
                    netOut.flip();
                    bigger.put(netOut);
                    netOut = bigger;
                    continue;
                }
                return result;
            }
        } finally {
            netOut.flip();
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private int drainAppIn(ByteBuffer dst) {
        int n = Math.min(appIn.remaining(), dst.remaining());
        if (n > 0) {
            ByteBuffer slice = appIn.duplicate();
            slice.limit(slice.position() + n);
            dst.put(slice);
            appIn.position(appIn.position() + n);
        }
        return n;
    }

    @Override
    public long write(SocketChannel channel, ByteBuffer[] srcs, int offset, int length) throws IOException {
        try {
            return wrapAndWrite(channel, srcs, offset, length);
        } catch (IOException e) {
            throw withAlertFromServer(channel, e);
        }
    }

    private long wrapAndWrite(SocketChannel channel, ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (!flushPending(channel)) {
            return 0;
        }
        long consumed = 0;
        while (hasRemaining(srcs, offset, length)) {
            SSLEngineResult result = wrap(srcs, offset, length);
            if (result.getStatus() == Status.CLOSED) {
                throw new SSLException("the TLS session is closed" + (inboundDone ? " (the server sent close_notify)"
                        : ""));
            }
            consumed += result.bytesConsumed();
            if (result.bytesConsumed() == 0 || !flushPending(channel)) {
                break; // the engine wants to read first, or the socket is full: the rest waits
            }
        }
        return consumed;
    }

    private static boolean hasRemaining(ByteBuffer[] buffers, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (buffers[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean hasPendingOutput() {
        return netOut.hasRemaining();
    }

    @Override
    public boolean hasBufferedInput() {
        if (appIn.hasRemaining()) {
            return true;
        }
        // a complete record waits in netIn (a partial one needs the socket, which the selector watches)
        int buffered = netIn.position();
        if (buffered < RECORD_HEADER) {
            return false;
        }
        int length = ((netIn.get(3) & 0xff) << 8) | (netIn.get(4) & 0xff);
        return buffered >= RECORD_HEADER + length;
    }

    @Override
    public boolean flushPending(SocketChannel channel) throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A server that refuses the connection sends an alert and closes; when our next write meets the reset first, the
     * alert (why it refused: TLS 1.3 reports a refused client certificate after the client finished its handshake)
     * may still wait in the socket. Reads it, so that the failure says why.
     *
     * @return the server's alert as an {@link SSLException} (the socket error suppressed in it), or {@code failure}
     */
    private IOException withAlertFromServer(SocketChannel channel, IOException failure) {
        if (failure instanceof SSLException) {
            return failure;
        }
        try {
            for (int i = 0; i < 8; i++) {
                if (readSocket(channel) <= 0) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // what was read before the error is enough
        }
        try {
            while (netIn.position() > 0 && !inboundDone) {
                SSLEngineResult result = unwrap();
                if (result.bytesConsumed() == 0) {
                    break;
                }
            }
        } catch (SSLException alert) {
            alert.addSuppressed(failure);
            return alert;
        } catch (RuntimeException e) {
            // keep the original failure
        }
        return failure;
    }

    @Override
    public void close(SocketChannel channel) {
        // close_notify, best effort: the socket closes right after, whatever happens here
        try {
            engine.closeOutbound();
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP || !engine.isOutboundDone()) {
                wrap(NOTHING, 0, 1);
            }
            flushPending(channel);
        } catch (IOException | RuntimeException e) {
            // the connection is going away
        }
    }

    private void sendAlertQuietly(SocketChannel channel) {
        try {
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                wrap(NOTHING, 0, 1);
                flushPending(channel);
            }
        } catch (IOException | RuntimeException e) {
            // the handshake failed already; the alert is a courtesy to the server's log
        }
    }

    @Override
    public Optional<String> explain(IOException failure) {
        try {
            return security.explain(failure);
        } catch (RuntimeException e) {
            return Optional.empty(); // a broken explanation must not hide the failure itself
        }
    }
}
