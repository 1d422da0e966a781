package io.edgemqtt.impl.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A loopback peer that plays a broker gone wrong: it answers the client's CONNECT with bytes the test chooses
 * (malformed packets, oversized headers) and records what the client sends back. Not a broker: it never parses
 * anything; it exists because no real broker can be made to send malformed packets.
 */
public final class HostilePeer implements AutoCloseable {
    private final ServerSocket server;
    private final byte[] reply;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Thread thread;

    /**
     * @param reply the bytes sent after the client's first bytes arrive
     * @throws IOException if no port could be bound
     */
    public HostilePeer(byte[] reply) throws IOException {
        this.reply = reply;
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "hostile-peer");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return the URI to connect to */
    public String uri() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    private void serve() {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int read = in.read(buffer); // the CONNECT
            record(buffer, read);
            socket.getOutputStream().write(reply);
            socket.getOutputStream().flush();
            while ((read = in.read(buffer)) >= 0) {
                record(buffer, read);
            }
        } catch (SocketTimeoutException e) {
            // the client kept the connection open: nothing more to record
        } catch (IOException e) {
            // closed by the client, as expected
        }
    }

    private synchronized void record(byte[] buffer, int length) {
        if (length > 0) {
            received.write(buffer, 0, length);
        }
    }

    /**
     * @return everything the client sent, once the client closed the connection
     * @throws InterruptedException if interrupted
     */
    public byte[] receivedAfterClose() throws InterruptedException {
        thread.join(20_000);
        synchronized (this) {
            return received.toByteArray();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
