package io.edgemqtt.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The "limit" baseline: no client library, just a blocking socket speaking the least MQTT 3.1.1 that works. For
 * throughput it writes pre-encoded PUBLISH packets in large batches ({@link RawConnection#blast}); a reader thread per
 * socket counts what comes back and acknowledges QoS 1/2 in batches. What it reaches is what the broker forwards on
 * this machine, with (almost) no client cost on top.
 */
final class RawDriver implements Driver {
    private static final int READ_BUFFER = 4 * 1024 * 1024;
    private static final int WRITE_BATCH = 256 * 1024;

    private final int port;
    private final int window;

    RawDriver(int port, int window) {
        this.port = port;
        this.window = window;
    }

    @Override
    public RawConnection connect(String clientId, Receiver receiver) throws Exception {
        return new RawConnection(port, clientId, receiver, window);
    }

    /** One socket with its reader thread. */
    static final class RawConnection implements Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final Receiver receiver;
        private final int window;
        private final Object writeLock = new Object();
        private final Completion[] pending = new Completion[65_536];
        private final AtomicLong completed = new AtomicLong();
        private final CountDownLatch connack = new CountDownLatch(1);
        private volatile CountDownLatch suback;
        private volatile Thread waiter;
        private final Thread reader;
        private int nextId;
        private volatile boolean closing;

        RawConnection(int port, String clientId, Receiver receiver, int window) throws IOException {
            this.receiver = receiver;
            this.window = window;
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setReceiveBufferSize(1 << 20);
            socket.setSendBufferSize(1 << 20);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            reader = new Thread(this::readLoop, "raw-reader-" + clientId);
            reader.setDaemon(true);
            reader.start();
            byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
            ByteBuffer connect = ByteBuffer.allocate(14 + id.length);
            connect.put((byte) 0x10).put((byte) (12 + id.length));
            connect.putShort((short) 4).put("MQTT".getBytes(StandardCharsets.US_ASCII)).put((byte) 4);
            connect.put((byte) 0x02).putShort((short) 0); // clean session, no keep-alive
            connect.putShort((short) id.length).put(id);
            write(connect.array(), connect.position());
            try {
                if (!connack.await(10, TimeUnit.SECONDS)) {
                    throw new IOException("no CONNACK");
                }
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void subscribe(String filter, int qos) throws Exception {
            byte[] topic = filter.getBytes(StandardCharsets.UTF_8);
            ByteBuffer subscribe = ByteBuffer.allocate(7 + topic.length);
            subscribe.put((byte) 0x82).put((byte) (5 + topic.length)).putShort((short) 1);
            subscribe.putShort((short) topic.length).put(topic).put((byte) qos);
            suback = new CountDownLatch(1);
            write(subscribe.array(), subscribe.position());
            if (!suback.await(10, TimeUnit.SECONDS)) {
                throw new IOException("no SUBACK");
            }
        }

        @Override
        public void publish(String topic, byte[] payload, int qos, Completion done) {
            byte[] packet = encodePublish(topic, payload.length, qos);
            int payloadAt = packet.length - payload.length;
            System.arraycopy(payload, 0, packet, payloadAt, payload.length);
            try {
                if (qos > 0) {
                    int id = nextId % 65_535 + 1;
                    nextId++;
                    pending[id] = done;
                    packet[payloadAt - 2] = (byte) (id >> 8);
                    packet[payloadAt - 1] = (byte) id;
                }
                write(packet, packet.length);
                if (qos == 0) {
                    done.completed(null);
                }
            } catch (IOException e) {
                done.completed(e);
            }
        }

        /**
         * Publishes {@code count} messages as fast as the socket takes them, batched, keeping at most the window of
         * QoS 1/2 publishes unacknowledged; message i carries i and the phase in its first eight payload bytes (see {@link Payload}). Returns when the
         * last is written (QoS 0) or acknowledged.
         */
        void blast(String topic, int qos, int size, int count, int phase) throws IOException {
            byte[] template = encodePublish(topic, size, qos);
            int packetSize = template.length;
            int payloadAt = packetSize - size;
            int perBatch = Math.max(1, WRITE_BATCH / packetSize);
            byte[] batch = new byte[perBatch * packetSize];
            long base = completed.get();
            int sent = 0;
            while (sent < count) {
                int n = Math.min(perBatch, count - sent);
                if (qos > 0) {
                    n = Math.min(n, awaitWindow(base, sent, count - sent));
                }
                for (int k = 0; k < n; k++) {
                    int at = k * packetSize;
                    System.arraycopy(template, 0, batch, at, payloadAt); // header only: the payload stays zero
                    int seq = sent + k;
                    if (qos > 0) {
                        int id = (nextId++) % 65_535 + 1;
                        batch[at + payloadAt - 2] = (byte) (id >> 8);
                        batch[at + payloadAt - 1] = (byte) id;
                    }
                    batch[at + payloadAt] = (byte) (seq >> 24);
                    batch[at + payloadAt + 1] = (byte) (seq >> 16);
                    batch[at + payloadAt + 2] = (byte) (seq >> 8);
                    batch[at + payloadAt + 3] = (byte) seq;
                    batch[at + payloadAt + 4] = (byte) (phase >> 24);
                    batch[at + payloadAt + 5] = (byte) (phase >> 16);
                    batch[at + payloadAt + 6] = (byte) (phase >> 8);
                    batch[at + payloadAt + 7] = (byte) phase;
                }
                write(batch, n * packetSize);
                sent += n;
            }
            if (qos > 0) {
                while (completed.get() - base < count) {
                    waiter = Thread.currentThread();
                    LockSupport.parkNanos(1_000_000);
                }
                waiter = null;
            }
        }

        /**
         * @return how many more may be sent now: waits until a quarter of the window (or what is left to send) is
         *     free, so that the writer sends large batches instead of waking up for every acknowledgement
         */
        private int awaitWindow(long base, int sent, int left) {
            int wanted = Math.max(1, Math.min(window / 4, left));
            while (true) {
                long open = window - (sent - (completed.get() - base));
                if (open >= wanted) {
                    waiter = null;
                    return (int) open;
                }
                waiter = Thread.currentThread();
                LockSupport.parkNanos(1_000_000);
            }
        }

        private static byte[] encodePublish(String topic, int payloadSize, int qos) {
            byte[] name = topic.getBytes(StandardCharsets.UTF_8);
            int remaining = 2 + name.length + (qos > 0 ? 2 : 0) + payloadSize;
            int lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
            ByteBuffer packet = ByteBuffer.allocate(1 + lengthBytes + remaining);
            packet.put((byte) (0x30 | qos << 1));
            for (int v = remaining; ; ) {
                if (v < 0x80) {
                    packet.put((byte) v);
                    break;
                }
                packet.put((byte) (v & 0x7F | 0x80));
                v >>>= 7;
            }
            packet.putShort((short) name.length).put(name);
            return packet.array();
        }

        private void write(byte[] bytes, int length) throws IOException {
            synchronized (writeLock) {
                out.write(bytes, 0, length);
            }
        }

        private void readLoop() {
            byte[] buf = new byte[READ_BUFFER];
            byte[] acks = new byte[64 * 1024];
            int filled = 0;
            try {
                while (true) {
                    int read = in.read(buf, filled, buf.length - filled);
                    if (read < 0) {
                        return;
                    }
                    filled += read;
                    int at = 0;
                    int ackLength = 0;
                    while (true) {
                        // fixed header: type byte and Remaining Length
                        if (filled - at < 2) {
                            break;
                        }
                        int remaining = 0;
                        int shift = 0;
                        int p = at + 1;
                        boolean complete = false;
                        while (p < filled) {
                            int b = buf[p++] & 0xFF;
                            remaining |= (b & 0x7F) << shift;
                            shift += 7;
                            if ((b & 0x80) == 0) {
                                complete = true;
                                break;
                            }
                        }
                        if (!complete || filled - p < remaining) {
                            break;
                        }
                        int type = (buf[at] & 0xFF) >> 4;
                        int flags = buf[at] & 0x0F;
                        if (ackLength > acks.length - 4) {
                            write(acks, ackLength);
                            ackLength = 0;
                        }
                        ackLength = handle(type, flags, buf, p, remaining, acks, ackLength);
                        at = p + remaining;
                    }
                    if (ackLength > 0) {
                        write(acks, ackLength);
                    }
                    Thread w = waiter;
                    if (w != null) {
                        LockSupport.unpark(w);
                    }
                    System.arraycopy(buf, at, buf, 0, filled - at);
                    filled -= at;
                }
            } catch (IOException e) {
                if (!closing) {
                    System.err.println("raw connection failed: " + e);
                }
            }
        }

        private int handle(int type, int flags, byte[] buf, int body, int length, byte[] acks, int ackLength) {
            switch (type) {
                case 2: // CONNACK
                    connack.countDown();
                    return ackLength;
                case 3: { // PUBLISH
                    int qos = flags >> 1 & 3;
                    int topicLength = (buf[body] & 0xFF) << 8 | buf[body + 1] & 0xFF;
                    int p = body + 2 + topicLength;
                    int id = 0;
                    if (qos > 0) {
                        id = (buf[p] & 0xFF) << 8 | buf[p + 1] & 0xFF;
                        p += 2;
                    }
                    if (receiver != null) {
                        receiver.received(ByteBuffer.wrap(buf, p, body + length - p).slice());
                    }
                    if (qos > 0) {
                        return ack(acks, ackLength, qos == 1 ? 0x40 : 0x50, id);
                    }
                    return ackLength;
                }
                case 4: // PUBACK
                case 7: // PUBCOMP
                    complete((buf[body] & 0xFF) << 8 | buf[body + 1] & 0xFF);
                    return ackLength;
                case 5: // PUBREC: release
                    return ack(acks, ackLength, 0x62, (buf[body] & 0xFF) << 8 | buf[body + 1] & 0xFF);
                case 6: // PUBREL: complete
                    return ack(acks, ackLength, 0x70, (buf[body] & 0xFF) << 8 | buf[body + 1] & 0xFF);
                case 9: // SUBACK
                    suback.countDown();
                    return ackLength;
                default:
                    return ackLength;
            }
        }

        private void complete(int id) {
            Completion done = pending[id];
            if (done != null) {
                pending[id] = null;
                done.completed(null);
            }
            completed.incrementAndGet();
        }

        private static int ack(byte[] acks, int at, int firstByte, int id) {
            acks[at] = (byte) firstByte;
            acks[at + 1] = 2;
            acks[at + 2] = (byte) (id >> 8);
            acks[at + 3] = (byte) id;
            return at + 4;
        }

        @Override
        public void close() {
            closing = true;
            try {
                write(new byte[] {(byte) 0xE0, 0}, 2);
            } catch (IOException e) {
                // closing anyway
            }
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
