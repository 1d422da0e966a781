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
import javax.net.ssl.SSLException;

/**
 * TLS over a non-blocking socket with an {@link SSLEngine} from a {@link TransportSecurity} profile. Loop thread only.
 * Handshake tasks run inline: they are short (certificate checks), and running them elsewhere would need the
 * connection to wait anyway.
 */
public final class TlsTransport implements Transport {
    private final TransportSecurity security;
    private final SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;
    private boolean wantsWrite;
    private boolean inboundClosed;

    /**
     * @param security the TLS profile
     * @param host the server host (SNI, hostname verification)
     * @param port the server port
     */
    public TlsTransport(TransportSecurity security, String host, int port) {
        this.security = security;
        this.engine = security.createEngine(host, port);
        engine.setUseClientMode(true);
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        netOut.flip();
        appIn.flip();
    }

    @Override
    public boolean handshake(SocketChannel channel) throws IOException {
        if (engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING && !started) {
            engine.beginHandshake();
            started = true;
        }
        while (true) {
            if (!flushPending(channel)) {
                wantsWrite = true;
                return false;
            }
            HandshakeStatus status = engine.getHandshakeStatus();
            switch (status) {
                case NEED_TASK:
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                    break;
                case NEED_WRAP:
                    wrap(EMPTY);
                    break;
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                    if (!unwrapHandshake(channel)) {
                        wantsWrite = false;
                        return false;
                    }
                    break;
                default:
                    // FINISHED or NOT_HANDSHAKING: done once the last records are out
                    if (!flushPending(channel)) {
                        wantsWrite = true;
                        return false;
                    }
                    return true;
            }
        }
    }

    private boolean started;
    private static final ByteBuffer[] EMPTY = {ByteBuffer.allocate(0)};

    private boolean unwrapHandshake(SocketChannel channel) throws IOException {
        SSLEngineResult result = unwrapOnce();
        if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                || result.bytesConsumed() == 0 && result.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
            int read = channel.read(netIn);
            if (read < 0) {
                throw new EOFException("the server closed the connection during the TLS handshake");
            }
            return read > 0 && unwrapAfterRead();
        }
        return true;
    }

    private boolean unwrapAfterRead() throws SSLException {
        unwrapOnce();
        return true;
    }

    /** Unwraps what netIn holds into appIn. */
    private SSLEngineResult unwrapOnce() throws SSLException {
        netIn.flip();
        appIn.compact();
        SSLEngineResult result;
        try {
            result = engine.unwrap(netIn, appIn);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                ByteBuffer bigger = ByteBuffer.allocate(appIn.capacity() + engine.getSession().getApplicationBufferSize());
                appIn.flip();
                bigger.put(appIn);
                appIn = bigger;
                result = engine.unwrap(netIn, appIn);
            } else if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                    && netIn.limit() == netIn.capacity()) {
                ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() + engine.getSession().getPacketBufferSize());
                bigger.put(netIn);
                netIn = bigger;
                bigger.flip();
            } else if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                inboundClosed = true;
            }
        } finally {
            netIn.compact();
            appIn.flip();
        }
        return result;
    }

    private void wrap(ByteBuffer[] srcs) throws SSLException {
        netOut.compact();
        try {
            while (true) {
                SSLEngineResult result = engine.wrap(srcs, netOut);
                if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    ByteBuffer bigger = ByteBuffer.allocate(netOut.capacity() * 2);
                    netOut.flip();
                    bigger.put(netOut);
                    netOut = bigger;
                    continue;
                }
                return;
            }
        } finally {
            netOut.flip();
        }
    }

    @Override
    public boolean handshakeWantsWrite() {
        return wantsWrite;
    }

    @Override
    public int read(SocketChannel channel, ByteBuffer dst) throws IOException {
        int copied = drainAppIn(dst);
        if (copied > 0) {
            return copied;
        }
        if (inboundClosed) {
            return -1;
        }
        int read = channel.read(netIn);
        if (read < 0 && netIn.position() == 0) {
            return -1;
        }
        while (netIn.position() > 0) {
            SSLEngineResult result = unwrapOnce();
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || result.bytesConsumed() == 0) {
                break;
            }
            if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
            }
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                wrap(EMPTY); // post-handshake messages (TLS 1.3 key update)
                flushPending(channel);
            }
        }
        copied = drainAppIn(dst);
        if (copied == 0 && (read < 0 || inboundClosed)) {
            return -1;
        }
        return copied;
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
        if (!flushPending(channel)) {
            return 0;
        }
        long before = remaining(srcs, offset, length);
        ByteBuffer[] slice = offset == 0 && length == srcs.length ? srcs : java.util.Arrays.copyOfRange(srcs, offset,
                offset + length);
        // Wrap up to a few records per call, then hand them to the socket.
        for (int i = 0; i < 8 && remaining(slice, 0, slice.length) > 0; i++) {
            wrap(slice);
            if (netOut.remaining() > 64 * 1024) {
                break;
            }
        }
        flushPending(channel);
        return before - remaining(srcs, offset, length);
    }

    private static long remaining(ByteBuffer[] buffers, int offset, int length) {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += buffers[i].remaining();
        }
        return total;
    }

    @Override
    public boolean hasPendingOutput() {
        return netOut.hasRemaining();
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

    @Override
    public Optional<String> explain(IOException failure) {
        return security.explain(failure);
    }
}
