package io.edgemqtt.impl.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The byte layer under an MQTT connection: plain TCP, or TLS over it. Non-blocking; called on the loop thread only.
 */
public interface Transport {
    /**
     * Moves the handshake on (TLS); plain TCP has none.
     *
     * @param channel the connected socket
     * @return true when the handshake is complete and application bytes may flow
     * @throws IOException if the handshake failed
     */
    boolean handshake(SocketChannel channel) throws IOException;

    /** @return true if {@link #handshake(SocketChannel)} needs the socket to become writable to go on */
    boolean handshakeWantsWrite();

    /**
     * Reads application bytes.
     *
     * @param channel the socket
     * @param dst where to put them
     * @return bytes read, 0 if none are ready, -1 at end of stream
     * @throws IOException if reading failed
     */
    int read(SocketChannel channel, ByteBuffer dst) throws IOException;

    /**
     * Writes application bytes, as many as the socket takes now.
     *
     * @param channel the socket
     * @param srcs the bytes, in order
     * @param offset first buffer
     * @param length number of buffers
     * @return bytes of {@code srcs} consumed
     * @throws IOException if writing failed
     */
    long write(SocketChannel channel, ByteBuffer[] srcs, int offset, int length) throws IOException;

    /** @return true if bytes already consumed from the application still wait to reach the socket (TLS records) */
    boolean hasPendingOutput();

    /**
     * Pushes out bytes left by an earlier {@link #write}.
     *
     * @param channel the socket
     * @return true if nothing is left
     * @throws IOException if writing failed
     */
    boolean flushPending(SocketChannel channel) throws IOException;

    /**
     * Whether bytes already taken from the socket wait inside the transport (decrypted TLS data, or a complete record
     * not yet decrypted). The selector cannot see them: a connection that stops reading while this is true must come
     * back on its own.
     *
     * @return true if {@link #read} would return data without the socket
     */
    default boolean hasBufferedInput() {
        return false;
    }

    /**
     * Says goodbye before the socket closes (TLS close_notify), best effort, never blocking, never throwing.
     *
     * @param channel the socket, about to be closed
     */
    default void close(SocketChannel channel) {
    }

    /**
     * @param failure what a handshake (or a read or write) failed with
     * @return an explanation a user can act on, if the transport has one
     */
    default java.util.Optional<String> explain(IOException failure) {
        return java.util.Optional.empty();
    }

    /** Plain TCP. */
    Transport PLAIN = new Transport() {
        @Override
        public boolean handshake(SocketChannel channel) {
            return true;
        }

        @Override
        public boolean handshakeWantsWrite() {
            return false;
        }

        @Override
        public int read(SocketChannel channel, ByteBuffer dst) throws IOException {
            return channel.read(dst);
        }

        @Override
        public long write(SocketChannel channel, ByteBuffer[] srcs, int offset, int length) throws IOException {
            return channel.write(srcs, offset, length);
        }

        @Override
        public boolean hasPendingOutput() {
            return false;
        }

        @Override
        public boolean flushPending(SocketChannel channel) {
            return true;
        }
    };
}
