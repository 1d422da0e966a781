package io.edgemqtt.impl.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.spi.TransportSecurity;
import io.edgemqtt.tls.internal.TestProfiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TlsTransport} on a real non-blocking socket, driven the way {@link MqttConnection} drives it, against a
 * blocking TLS server of the Java runtime (a different TLS implementation than the client's Bouncy Castle): handshake
 * on both versions, records cut into pieces, large payloads both ways at once, many small records, TLS 1.3 key updates
 * and session tickets after the handshake, close_notify both ways, a handshake failure and its explanation.
 */
@Timeout(60)
class TlsTransportTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static TestProfiles profiles;
    private static SSLContext serverContext;

    @TempDir
    static Path dir;

    private final java.util.List<AutoCloseable> resources = new java.util.ArrayList<>();

    @BeforeAll
    static void pki() throws Exception {
        profiles = new TestProfiles(dir);
        serverContext = profiles.serverContext(true);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    /** A one-connection TLS server on a thread; {@code session} runs with the accepted socket. */
    private int server(SSLContext context, String protocol, ServerSession session) throws IOException {
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1, LOOPBACK);
        server.setEnabledProtocols(new String[] {protocol});
        resources.add(server);
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.setTcpNoDelay(true);
                session.run(socket);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        serverDone = done;
        return server.getLocalPort();
    }

    private CompletableFuture<Void> serverDone;

    private void awaitServer() throws Exception {
        serverDone.get(30, TimeUnit.SECONDS);
    }

    @FunctionalInterface
    interface ServerSession {
        void run(SSLSocket socket) throws Exception;
    }

    /** The client side: a non-blocking channel, a selector, and the transport. */
    private final class Client implements AutoCloseable {
        final SocketChannel channel;
        final Selector selector;
        final TlsTransport transport;

        Client(TransportSecurity security, int port) throws IOException {
            this(security, new InetSocketAddress(LOOPBACK, port));
        }

        Client(TransportSecurity security, InetSocketAddress address) throws IOException {
            transport = new TlsTransport(security, "localhost", address.getPort());
            channel = SocketChannel.open(address);
            channel.configureBlocking(false);
            selector = Selector.open();
            resources.add(this);
        }

        void handshake() throws IOException {
            while (!transport.handshake(channel)) {
                await(transport.handshakeWantsWrite() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            }
        }

        void await(int ops) throws IOException {
            SelectionKey key = channel.register(selector, ops);
            if (selector.select(20_000) == 0) {
                throw new IOException("socket not ready for " + ops + " within 20 s");
            }
            selector.selectedKeys().clear();
            key.interestOps(0);
        }

        /** Writes everything while reading {@code expected} bytes back, like a busy MQTT connection. */
        byte[] exchange(byte[] out, int expected, int writeChunk, int readChunk) throws IOException {
            ByteBuffer source = ByteBuffer.wrap(out);
            ByteBuffer received = ByteBuffer.allocate(expected);
            ByteBuffer dst = ByteBuffer.allocate(readChunk);
            while (source.hasRemaining() || transport.hasPendingOutput() || received.hasRemaining()) {
                boolean progress = false;
                if (transport.hasPendingOutput()) {
                    transport.flushPending(channel);
                }
                if (source.hasRemaining() && !transport.hasPendingOutput()) {
                    ByteBuffer slice = source.slice();
                    slice.limit(Math.min(writeChunk, slice.remaining()));
                    long written = transport.write(channel, new ByteBuffer[] {slice}, 0, 1);
                    source.position(source.position() + (int) written);
                    progress |= written > 0;
                }
                int read;
                while (received.hasRemaining() && (read = transport.read(channel, dst.clear().limit(
                        Math.min(readChunk, received.remaining())))) != 0) {
                    if (read < 0) {
                        throw new IOException("end of stream after " + received.position() + " bytes");
                    }
                    received.put(dst.flip());
                    progress = true;
                }
                if (!progress) {
                    int ops = (received.hasRemaining() ? SelectionKey.OP_READ : 0)
                            | (source.hasRemaining() || transport.hasPendingOutput() ? SelectionKey.OP_WRITE : 0);
                    await(ops);
                }
            }
            return received.array();
        }

        /** Reads until the end of the stream, returning what came before it. */
        byte[] readToEnd() throws IOException {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            ByteBuffer dst = ByteBuffer.allocate(1000);
            while (true) {
                int read = transport.read(channel, dst.clear());
                if (read < 0) {
                    return all.toByteArray();
                }
                if (read == 0) {
                    await(SelectionKey.OP_READ);
                } else {
                    all.write(dst.array(), 0, read);
                }
            }
        }

        @Override
        public void close() throws IOException {
            selector.close();
            channel.close();
        }
    }

    private static void echo(SSLSocket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void handshakesAndEchoes(String protocol) throws Exception {
        int port = server(serverContext, protocol, TlsTransportTest::echo);
        try (Client client = new Client(profiles.client(protocol), port)) {
            client.handshake();
            byte[] data = random(1000, 1);
            assertArrayEquals(data, client.exchange(data, data.length, 1000, 1000));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void largePayloadsBothWaysAtOnce(String protocol) throws Exception {
        int port = server(serverContext, protocol, TlsTransportTest::echo);
        try (Client client = new Client(profiles.client(protocol), port)) {
            client.handshake();
            byte[] data = random(8 * 1024 * 1024, 2);
            assertArrayEquals(data, client.exchange(data, data.length, 1024 * 1024, 64 * 1024));
        }
    }

    @Test
    void manySmallWritesAndReads() throws Exception {
        int port = server(serverContext, "TLSv1.3", TlsTransportTest::echo);
        try (Client client = new Client(profiles.client("TLSv1.3"), port)) {
            client.handshake();
            byte[] data = random(200_000, 3);
            assertArrayEquals(data, client.exchange(data, data.length, 7, 5));
        }
    }

    @Test
    void manySmallRecordsInOneRead() throws Exception {
        byte[] data = random(20_000, 4);
        int port = server(serverContext, "TLSv1.3", socket -> {
            OutputStream out = socket.getOutputStream();
            for (byte b : data) {
                out.write(b); // one record per byte
            }
            out.flush();
            socket.getInputStream().read();
        });
        try (Client client = new Client(profiles.client("TLSv1.3"), port)) {
            client.handshake();
            Thread.sleep(200); // let thousands of records pile up in the socket
            assertArrayEquals(data, client.exchange(new byte[0], data.length, 1, 3000));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void recordsCutIntoPiecesByTheNetwork(String protocol) throws Exception {
        int port = server(serverContext, protocol, TlsTransportTest::echo);
        try (FragmentingRelay relay = new FragmentingRelay(port, 7);
                Client client = new Client(profiles.client(protocol), relay.port())) {
            client.handshake();
            byte[] data = random(50_000, 5);
            assertArrayEquals(data, client.exchange(data, data.length, 20_000, 20_000));
        }
    }

    @Test
    void keyUpdatesAndTicketsAfterTheHandshake() throws Exception {
        int port = server(serverContext, "TLSv1.3", socket -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[100];
            for (int round = 0; round < 5; round++) {
                int n = in.readNBytes(buffer, 0, 100);
                socket.startHandshake(); // TLS 1.3: a KeyUpdate that asks the peer to update too
                out.write(buffer, 0, n);
                out.flush();
            }
            in.read();
        });
        try (Client client = new Client(profiles.client("TLSv1.3"), port)) {
            client.handshake();
            for (int round = 0; round < 5; round++) {
                byte[] data = random(100, round);
                assertArrayEquals(data, client.exchange(data, 100, 100, 100), "round " + round);
            }
        }
        awaitServer();
    }

    @Test
    void closeNotifyFromTheServerEndsTheStreamAfterItsData() throws Exception {
        byte[] data = random(30_000, 6);
        int port = server(serverContext, "TLSv1.3", socket -> {
            socket.getOutputStream().write(data);
            socket.getOutputStream().flush();
            socket.close(); // close_notify
        });
        try (Client client = new Client(profiles.client("TLSv1.3"), port)) {
            client.handshake();
            assertArrayEquals(data, client.readToEnd());
        }
    }

    @Test
    void closeSendsCloseNotify() throws Exception {
        CompletableFuture<Integer> serverRead = new CompletableFuture<>();
        int port = server(serverContext, "TLSv1.3", socket -> {
            try {
                serverRead.complete(socket.getInputStream().read());
            } catch (IOException e) {
                serverRead.completeExceptionally(e);
            }
        });
        try (Client client = new Client(profiles.client("TLSv1.3"), port)) {
            client.handshake();
            client.transport.close(client.channel);
            assertEquals(-1, serverRead.get(10, TimeUnit.SECONDS), "a clean end of stream, not a reset");
        }
    }

    @Test
    void decryptedBytesLeftInsideAreReportedAsBufferedInput() throws Exception {
        byte[] data = random(5000, 7);
        int port = server(serverContext, "TLSv1.3", socket -> {
            socket.getOutputStream().write(data);
            socket.getOutputStream().flush();
            socket.getInputStream().read();
        });
        try (Client client = new Client(profiles.client("TLSv1.3"), port)) {
            client.handshake();
            ByteBuffer small = ByteBuffer.allocate(10);
            while (client.transport.read(client.channel, small) == 0) {
                client.await(SelectionKey.OP_READ);
            }
            assertTrue(client.transport.hasBufferedInput(), "the rest of the record waits inside the transport");
            ByteBuffer rest = ByteBuffer.allocate(data.length);
            rest.put(small.flip());
            int read;
            while (rest.hasRemaining() && (read = client.transport.read(client.channel, rest)) >= 0) {
                if (read == 0) {
                    client.await(SelectionKey.OP_READ);
                }
            }
            assertArrayEquals(data, rest.array());
            assertFalse(client.transport.hasBufferedInput());
        }
    }

    @Test
    void untrustedServerFailsTheHandshakeWithAnExplanation() throws Exception {
        int port = server(profiles.serverContext(false), "TLSv1.3", socket -> {
            try {
                socket.startHandshake();
            } catch (SSLException expected) {
                // the client refuses us
            }
        });
        try (Client client = new Client(profiles.client("TLSv1.3"), port)) {
            SSLException failure = assertThrows(SSLException.class, client::handshake);
            String explanation = client.transport.explain(failure).orElseThrow();
            assertTrue(explanation.contains("not trusted"), explanation);
        }
    }

    @Test
    void serverClosingDuringTheHandshakeIsAnError() throws Exception {
        ServerSocket plain = new ServerSocket(0, 1, LOOPBACK);
        resources.add(plain);
        CompletableFuture.runAsync(() -> {
            try (Socket socket = plain.accept()) {
                socket.getInputStream().read(new byte[100]);
            } catch (IOException e) {
                // gone
            }
        });
        try (Client client = new Client(profiles.client("TLSv1.3"), plain.getLocalPort())) {
            assertThrows(IOException.class, client::handshake);
        }
    }
}
