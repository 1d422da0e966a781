package io.edgemqtt.impl.codec.encoder;

import io.edgemqtt.impl.codec.PacketType;
import java.nio.ByteBuffer;

/** Encodes PINGREQ and PINGRESP (sections 3.12, 3.13): two constant bytes, identical on both versions. */
public final class PingEncoder {
    /** Every ping is this long. */
    public static final int SIZE = 2;

    private PingEncoder() {}

    /**
     * @param type PINGREQ or PINGRESP
     * @return the bytes written
     * @throws java.nio.BufferOverflowException if {@code out} has fewer than 2 bytes; nothing is written then
     */
    public static int encode(PacketType type, ByteBuffer out) {
        if (type != PacketType.PINGREQ && type != PacketType.PINGRESP) {
            throw new IllegalArgumentException(type + " is not a ping");
        }
        WireWriter.ensure(out, SIZE);
        out.put((byte) type.firstByte());
        out.put((byte) 0);
        return SIZE;
    }
}
