package io.edgemqtt.benchmark;

import java.nio.ByteBuffer;

/**
 * The layout of every benchmark payload: sequence number (int), phase (int: warm-up and measured runs are told
 * apart, so a late QoS 0 straggler is never counted twice), send time (long, for latency); the rest is zero.
 */
final class Payload {
    static final int MIN_SIZE = 16;

    private Payload() {}

    static byte[] create(int size, int sequence, int phase, long sentNanos) {
        byte[] payload = new byte[size];
        ByteBuffer.wrap(payload).putInt(sequence).putInt(phase).putLong(sentNanos);
        return payload;
    }

    static int sequence(ByteBuffer payload) {
        return payload.getInt(payload.position());
    }

    static int phase(ByteBuffer payload) {
        return payload.getInt(payload.position() + 4);
    }
}
