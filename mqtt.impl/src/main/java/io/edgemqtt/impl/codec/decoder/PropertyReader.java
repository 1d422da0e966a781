package io.edgemqtt.impl.codec.decoder;

import static io.edgemqtt.impl.codec.MalformedPacketException.malformed;
import static io.edgemqtt.impl.codec.MalformedPacketException.protocolError;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.UserProperty;
import io.edgemqtt.impl.codec.Property;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules every MQTT 5 property block shares (section 2.2.2): the block's length must fit the packet, each
 * identifier must be known and allowed in the packet (else malformed), and only User Property (and Subscription
 * Identifier in PUBLISH) may repeat (else protocol error). Each packet decoder loops over its own properties so that
 * values go straight into its builder without an intermediate map.
 */
final class PropertyReader {
    private PropertyReader() {}

    /**
     * Reads the Property Length and narrows the buffer to the block.
     *
     * @return the limit to restore after the block
     */
    static int open(ByteBuffer in, String packet) {
        int length = WireReader.varInt(in, packet + " Property Length");
        return WireReader.narrow(in, length, packet + " Property Length");
    }

    /**
     * Reads the next identifier and checks that it is known and allowed in {@code context}.
     *
     * @param context a packet type value or {@link Property#WILL_CONTEXT}
     */
    static Property next(ByteBuffer in, int context, String packet) {
        if (!in.hasRemaining()) { // the name is joined only on failure: this runs for every property
            throw WireReader.truncated(in, packet + " property identifier", 1);
        }
        int id = in.get() & 0xFF;
        Property property = Property.of(id);
        if (property == null) {
            throw malformed("malformed packet: unknown property identifier 0x" + Integer.toHexString(id) + " in "
                    + packet + " (section 2.2.2.2)");
        }
        if (!property.allowedIn(context)) {
            throw malformed("malformed packet: " + property.displayName() + " (0x" + Integer.toHexString(id)
                    + ") is not valid in " + packet + " (section 2.2.2.2)");
        }
        return property;
    }

    /**
     * Records that {@code property} was seen; identifiers are below 64 so one long tracks a whole block.
     *
     * @return the updated set
     */
    static long once(Property property, int context, long seen, String packet) {
        long bit = 1L << property.id();
        if ((seen & bit) != 0 && !property.mayRepeatIn(context)) {
            throw protocolError("protocol error: " + property.displayName() + " appears more than once in " + packet
                    + " (section 2.2.2.2)");
        }
        return seen | bit;
    }

    /** Reads a byte property that must be 0 or 1. */
    static boolean flag(ByteBuffer in, Property property, String packet) {
        int value = WireReader.u8(in, property.displayName());
        if (value > 1) {
            throw protocolError("protocol error: " + property.displayName() + " in " + packet + " must be 0 or 1, was "
                    + value);
        }
        return value == 1;
    }

    /** Reads a two-byte property for which 0 is a protocol error (Receive Maximum, Topic Alias). */
    static int nonZeroU16(ByteBuffer in, Property property, String packet) {
        int value = WireReader.u16(in, property.displayName());
        if (value == 0) {
            throw protocolError("protocol error: " + property.displayName() + " in " + packet + " must not be 0");
        }
        return value;
    }

    /** Reads Maximum Packet Size, for which 0 is a protocol error. */
    static long nonZeroU32(ByteBuffer in, Property property, String packet) {
        long value = WireReader.u32(in, property.displayName());
        if (value == 0) {
            throw protocolError("protocol error: " + property.displayName() + " in " + packet + " must not be 0");
        }
        return value;
    }

    /** Reads a Subscription Identifier, for which 0 is a protocol error (section 3.8.2.1.2). */
    static int subscriptionIdentifier(ByteBuffer in, String packet) {
        int value = WireReader.varInt(in, "Subscription Identifier");
        if (value == 0) {
            throw protocolError("protocol error: Subscription Identifier in " + packet + " must not be 0");
        }
        return value;
    }

    static String utf8(ByteBuffer in, Property property, MqttVersion version) {
        return WireReader.utf8(in, property.displayName(), version);
    }

    /** Appends one User Property, allocating the list on first use. */
    static List<UserProperty> user(ByteBuffer in, List<UserProperty> list, MqttVersion version) {
        String name = WireReader.utf8(in, "User Property name", version);
        String value = WireReader.utf8(in, "User Property value", version);
        List<UserProperty> target = list == null ? new ArrayList<>(4) : list;
        target.add(UserProperty.of(name, value));
        return target;
    }
}
