package io.edgemqtt.impl.codec.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.impl.codec.MalformedPacketException;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Property;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every MQTT 5 property block, exhaustively (section 2.2.2): in each packet that has properties (and in the will
 * properties of CONNECT), every property that may not repeat is refused as a duplicate (protocol error), every property
 * that does not belong there is refused (malformed), undefined identifiers are refused (malformed); and every property
 * whose value is cut short, or whose string is not UTF-8, is malformed. A valid block of each kind decodes, so the
 * refusals are the properties' doing and not the packet templates'.
 */
class MalformedPropertiesTest {

    /** A packet of one kind with a property block spliced in. */
    private record Template(String name, int context, Function<byte[], byte[]> packet) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Template> TEMPLATES = List.of(
            new Template("CONNECT", PacketType.CONNECT.value(),
                    props -> packet(0x10, bytes(0, 4, 'M', 'Q', 'T', 'T', 5, 0x02, 0, 60), props, bytes(0, 1, 'a'))),
            new Template("CONNECT Will Properties", Property.WILL_CONTEXT,
                    props -> packet(0x10, bytes(0, 4, 'M', 'Q', 'T', 'T', 5, 0x06, 0, 60, 0, 0, 1, 'a'), props,
                            bytes(0, 1, 't', 0, 0))),
            new Template("CONNACK", PacketType.CONNACK.value(), props -> packet(0x20, bytes(0, 0), props, bytes())),
            new Template("PUBLISH", PacketType.PUBLISH.value(), props -> packet(0x30, bytes(0, 1, 'a'), props,
                    bytes('x'))),
            new Template("PUBACK", PacketType.PUBACK.value(), props -> packet(0x40, bytes(0, 1, 0), props, bytes())),
            new Template("PUBREC", PacketType.PUBREC.value(), props -> packet(0x50, bytes(0, 1, 0), props, bytes())),
            new Template("PUBREL", PacketType.PUBREL.value(), props -> packet(0x62, bytes(0, 1, 0), props, bytes())),
            new Template("PUBCOMP", PacketType.PUBCOMP.value(), props -> packet(0x70, bytes(0, 1, 0), props,
                    bytes())),
            new Template("SUBSCRIBE", PacketType.SUBSCRIBE.value(), props -> packet(0x82, bytes(0, 1), props,
                    bytes(0, 1, 'a', 1))),
            new Template("SUBACK", PacketType.SUBACK.value(), props -> packet(0x90, bytes(0, 1), props, bytes(1))),
            new Template("UNSUBSCRIBE", PacketType.UNSUBSCRIBE.value(), props -> packet(0xA2, bytes(0, 1), props,
                    bytes(0, 1, 'a'))),
            new Template("UNSUBACK", PacketType.UNSUBACK.value(), props -> packet(0xB0, bytes(0, 1), props,
                    bytes(0))),
            new Template("DISCONNECT", PacketType.DISCONNECT.value(), props -> packet(0xE0, bytes(0), props,
                    bytes())),
            // AUTH with "continue" needs its method: every block starts with it.
            new Template("AUTH", PacketType.AUTH.value(), props -> packet(0xF0, bytes(0x18), concat(
                    value(Property.AUTHENTICATION_METHOD), props), bytes())));

    /** A valid value of the property's kind (non-zero, so the properties that forbid 0 accept it). */
    private static byte[] value(Property property) {
        byte[] data;
        switch (property.kind()) {
            case BYTE:
                data = bytes(1);
                break;
            case TWO_BYTES:
                data = bytes(0, 1);
                break;
            case FOUR_BYTES:
                data = bytes(0, 0, 0, 1);
                break;
            case VARIABLE:
                data = bytes(1);
                break;
            case UTF8:
                data = bytes(0, 1, 'm');
                break;
            case BINARY:
                data = bytes(0, 1, 7);
                break;
            default:
                data = bytes(0, 1, 'k', 0, 1, 'v');
        }
        return concat(bytes(property.id()), data);
    }

    static Stream<Arguments> validBlocks() {
        List<Arguments> cases = new ArrayList<>();
        for (Template template : TEMPLATES) {
            // Every property allowed here, once (AUTH's method is in the template already).
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            for (Property property : Property.values()) {
                if (property.allowedIn(template.context) && !(template.name.equals("AUTH")
                        && property == Property.AUTHENTICATION_METHOD)) {
                    block.writeBytes(value(property));
                }
            }
            cases.add(Arguments.of(template, block.toByteArray()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validBlocks")
    void everyAllowedPropertyOnceDecodes(Template template, byte[] block) {
        assertNotNull(new PacketDecoder(MqttVersion.V5, 0).decode(ByteBuffer.wrap(template.packet.apply(block))));
    }

    static Stream<Arguments> refused() {
        List<Arguments> cases = new ArrayList<>();
        for (Template template : TEMPLATES) {
            for (Property property : Property.values()) {
                if (template.name.equals("AUTH") && property == Property.AUTHENTICATION_METHOD) {
                    cases.add(Arguments.of(template, "duplicate " + property.displayName(),
                            value(property), ReasonCode.PROTOCOL_ERROR, property.displayName()
                                    + " appears more than once in AUTH"));
                } else if (!property.allowedIn(template.context)) {
                    cases.add(Arguments.of(template, property.displayName() + " does not belong", value(property),
                            ReasonCode.MALFORMED_PACKET, property.displayName() + " (0x"
                                    + Integer.toHexString(property.id()) + ") is not valid in " + template.name));
                } else if (!property.mayRepeatIn(template.context)) {
                    cases.add(Arguments.of(template, "duplicate " + property.displayName(),
                            concat(value(property), value(property)), ReasonCode.PROTOCOL_ERROR,
                            property.displayName() + " appears more than once in " + template.name));
                }
            }
            for (int unknown : new int[] {0x00, 0x04, 0x10, 0x14, 0x1B, 0x20, 0x2B, 0x7F}) {
                cases.add(Arguments.of(template, "unknown id 0x" + Integer.toHexString(unknown),
                        bytes(unknown, 0, 1), ReasonCode.MALFORMED_PACKET,
                        "unknown property identifier 0x" + Integer.toHexString(unknown) + " in " + template.name));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refused")
    void isRefused(Template template, String what, byte[] block, ReasonCode code, String message) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> new PacketDecoder(MqttVersion.V5, 0).decode(ByteBuffer.wrap(template.packet.apply(block))));
        assertEquals(code, e.reasonCode(), e.getMessage());
        assertTrue(e.getMessage().contains(message), () -> "'" + e.getMessage() + "' should contain '" + message + "'");
    }

    static Stream<Arguments> wrongValues() {
        List<Arguments> cases = new ArrayList<>();
        for (Property property : Property.values()) {
            Template home = TEMPLATES.stream().filter(t -> property.allowedIn(t.context)
                    && !(t.name.equals("AUTH") && property == Property.AUTHENTICATION_METHOD)).findFirst().orElseThrow();
            byte[] full = value(property);
            // The value cut off by the end of the block: the block claims fewer bytes than the kind needs.
            cases.add(Arguments.of(home, property.displayName() + " without its value",
                    bytes(property.id())));
            if (full.length > 2) {
                byte[] cut = new byte[full.length - 1];
                System.arraycopy(full, 0, cut, 0, cut.length);
                cases.add(Arguments.of(home, property.displayName() + " one byte short", cut));
            }
            if (property.kind() == Property.Kind.UTF8) {
                cases.add(Arguments.of(home, property.displayName() + " not UTF-8",
                        bytes(property.id(), 0, 2, 0xC3, 0x28)));
                cases.add(Arguments.of(home, property.displayName() + " with U+0000",
                        bytes(property.id(), 0, 1, 0)));
            }
            if (property.kind() == Property.Kind.UTF8_PAIR) {
                cases.add(Arguments.of(home, property.displayName() + " name only", bytes(property.id(), 0, 1, 'k')));
                cases.add(Arguments.of(home, property.displayName() + " value not UTF-8",
                        bytes(property.id(), 0, 1, 'k', 0, 1, 0xFF)));
            }
            if (property.kind() == Property.Kind.VARIABLE) {
                cases.add(Arguments.of(home, property.displayName() + " of 5 bytes",
                        bytes(property.id(), 0x80, 0x80, 0x80, 0x80, 0x01)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("wrongValues")
    void aValueThatDoesNotFitItsKindIsMalformed(Template template, String what, byte[] block) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> new PacketDecoder(MqttVersion.V5, 0).decode(ByteBuffer.wrap(template.packet.apply(block))));
        assertEquals(ReasonCode.MALFORMED_PACKET, e.reasonCode(), e.getMessage());
    }

    private static byte[] packet(int first, byte[] header, byte[] properties, byte[] payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(header);
        writeVarInt(body, properties.length);
        body.writeBytes(properties);
        body.writeBytes(payload);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        writeVarInt(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void writeVarInt(ByteArrayOutputStream out, int value) {
        do {
            int digit = value % 128;
            value /= 128;
            out.write(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
