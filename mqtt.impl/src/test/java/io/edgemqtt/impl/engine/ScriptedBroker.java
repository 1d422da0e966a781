package io.edgemqtt.impl.engine;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.impl.codec.Connect;
import io.edgemqtt.impl.codec.MqttPacket;
import io.edgemqtt.impl.codec.decoder.PacketDecoder;
import io.edgemqtt.impl.codec.encoder.PacketEncoder;
import io.edgemqtt.impl.testing.Loopback;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A broker played by the test, packet by packet, for what no real broker here does: referrals to another server,
 * topic aliases towards the client, breaking the client's receive maximum, a malformed UTF-8 payload, enhanced
 * authentication. It speaks through the engine's own codec (the codec's tests check it against the spec's bytes).
 * MQTT 5 only; one connection at a time, accepted by {@link #accept()}.
 */
final class ScriptedBroker implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ServerSocket server;

    ScriptedBroker() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getByName(Loopback.HOST));
        server.setSoTimeout((int) WAIT.toMillis());
    }

    String uri() {
        return "tcp://" + Loopback.HOST + ":" + server.getLocalPort();
    }

    int port() {
        return server.getLocalPort();
    }

    /** @return the next client connection, waiting up to 10 s */
    Session accept() throws IOException {
        Socket socket = server.accept();
        socket.setSoTimeout((int) WAIT.toMillis());
        return new Session(socket);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** One client connection. */
    static final class Session implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final PacketDecoder decoder = new PacketDecoder(MqttVersion.V5, 0);
        private ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

        Session(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
        }

        /** @return the next packet from the client; fails the test if none comes within 10 s */
        MqttPacket read() throws IOException {
            MqttPacket packet = readOrNull();
            assertNotNull(packet, "the client sent nothing more within " + WAIT);
            return packet;
        }

        /** @return the next packet, or null if the client closed the connection or stayed silent for 10 s */
        MqttPacket readOrNull() throws IOException {
            while (true) {
                buffer.flip();
                MqttPacket packet = decoder.decode(buffer);
                buffer.compact();
                if (packet != null) {
                    return packet;
                }
                byte[] chunk = new byte[8192];
                int read;
                try {
                    read = in.read(chunk);
                } catch (SocketTimeoutException e) {
                    return null;
                } catch (IOException e) {
                    return null; // reset by the client
                }
                if (read < 0) {
                    return null;
                }
                if (buffer.remaining() < read) {
                    ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() * 2 + read);
                    buffer.flip();
                    bigger.put(buffer);
                    buffer = bigger;
                }
                buffer.put(chunk, 0, read);
            }
        }

        /** @return the CONNECT that must come first */
        Connect readConnect() throws IOException {
            return (Connect) read();
        }

        /**
         * @param type the packet class expected next
         * @return it
         */
        <T extends MqttPacket> T expect(Class<T> type) throws IOException {
            MqttPacket packet = read();
            if (!type.isInstance(packet)) {
                throw new AssertionError("expected " + type.getSimpleName() + " from the client, got " + packet);
            }
            return type.cast(packet);
        }

        void send(MqttPacket packet) {
            ByteBuffer out = ByteBuffer.allocate(PacketEncoder.size(packet, MqttVersion.V5));
            PacketEncoder.encode(packet, MqttVersion.V5, out);
            try {
                socket.getOutputStream().write(out.array(), 0, out.position());
                socket.getOutputStream().flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** @return true if the client closed the connection within 10 s (after whatever it still sent) */
        boolean closedByClient() throws IOException {
            return readOrNull() == null && !socket.isClosed();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
