package io.edgemqtt.impl.codec.decoder;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.UserProperty;
import io.edgemqtt.impl.codec.Property;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The property block of the acknowledgements whose only properties are a reason string and user properties
 * (PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK): read once here instead of in each decoder.
 *
 * @param reasonString the reason string, or null
 * @param users the user properties, or null if none
 */
record ReasonProperties(String reasonString, List<UserProperty> users) {
    /**
     * Reads the property block at the buffer's position; every property is checked as {@link PropertyReader} does.
     *
     * @param in the packet, positioned at the property length
     * @param context the packet type's value, for the allowed-property check
     * @param packet the packet's name, for messages
     * @param version the protocol version (for UTF-8 rules)
     * @return what the block held
     */
    static ReasonProperties read(ByteBuffer in, int context, String packet, MqttVersion version) {
        int outer = PropertyReader.open(in, packet);
        long seen = 0;
        String reasonString = null;
        List<UserProperty> users = null;
        while (in.hasRemaining()) {
            Property property = PropertyReader.next(in, context, packet);
            seen = PropertyReader.once(property, context, seen, packet);
            if (property == Property.REASON_STRING) {
                reasonString = PropertyReader.utf8(in, property, version);
            } else {
                users = PropertyReader.user(in, users, version);
            }
        }
        in.limit(outer);
        return new ReasonProperties(reasonString, users);
    }
}
