package io.edgemqtt.impl.codec.decoder;

import static io.edgemqtt.api.MqttVersion.V3_1_1;
import static io.edgemqtt.api.MqttVersion.V5;
import static io.edgemqtt.api.ReasonCode.MALFORMED_PACKET;
import static io.edgemqtt.api.ReasonCode.PROTOCOL_ERROR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.MqttVersion;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.impl.codec.Hex;
import io.edgemqtt.impl.codec.MalformedPacketException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input is refused with a {@link MalformedPacketException} carrying the right reason code and naming the
 * rule, never an index or underflow exception.
 */
class MalformedPacketTest {

    private static Arguments bad(String what, MqttVersion version, String hex, ReasonCode code, String message) {
        return Arguments.of(what, version, hex, code, message);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                // framing
                bad("remaining length of 5 bytes", V5, "30 FF FF FF FF 01", MALFORMED_PACKET, "longer than 4 bytes"),
                bad("non-minimal remaining length", V5, "C0 80 00", MALFORMED_PACKET, "[MQTT-1.5.5-1]"),
                bad("non-minimal remaining length on 3.1.1", V3_1_1, "D0 80 00", MALFORMED_PACKET, "[MQTT-1.5.5-1]"),
                bad("reserved packet type 0", V5, "00 00", MALFORMED_PACKET, "type 0 is reserved"),
                bad("AUTH on 3.1.1", V3_1_1, "F0 00", MALFORMED_PACKET, "type 15 is reserved on MQTT 3.1.1"),
                bad("bytes after the last field", V5, "D0 01 00", MALFORMED_PACKET, "after its last field"),
                bad("3.1.1 PUBACK longer than 2", V3_1_1, "40 03 00 01 00", MALFORMED_PACKET, "after its last field"),
                // reserved flags
                bad("PUBACK flags 0001", V5, "41 02 00 01", MALFORMED_PACKET, "[MQTT-2.1.3-1] PUBACK"),
                bad("PUBACK flags 0001 on 3.1.1", V3_1_1, "41 02 00 01", MALFORMED_PACKET, "[MQTT-2.2.2-1] PUBACK"),
                bad("PUBREL flags 0000", V5, "60 02 00 01", MALFORMED_PACKET, "must be 0010, were 0000"),
                bad("SUBSCRIBE flags 0000", V3_1_1, "80 06 00 01 00 01 61 00", MALFORMED_PACKET, "SUBSCRIBE fixed"),
                bad("UNSUBSCRIBE flags 0000", V5, "A0 05 00 01 00 00 00", MALFORMED_PACKET, "UNSUBSCRIBE fixed"),
                bad("PINGREQ flags 0001", V5, "C1 00", MALFORMED_PACKET, "PINGREQ fixed"),
                bad("CONNACK flags 1000", V3_1_1, "28 02 00 00", MALFORMED_PACKET, "[MQTT-2.2.2-1] CONNACK"),
                // PUBLISH flags
                bad("PUBLISH QoS 3", V5, "36 07 00 01 61 00 01 00 00", MALFORMED_PACKET, "[MQTT-3.3.1-4]"),
                bad("PUBLISH QoS 3 on 3.1.1", V3_1_1, "36 05 00 01 61 00 01", MALFORMED_PACKET, "[MQTT-3.3.1-4]"),
                bad("PUBLISH QoS 0 with DUP", V5, "38 04 00 01 61 00", PROTOCOL_ERROR, "[MQTT-3.3.1-2]"),
                // truncation
                bad("CONNACK without reason code", V5, "20 01 00", MALFORMED_PACKET, "CONNACK Reason Code needs 1"),
                bad("CONNACK without property length", V5, "20 02 00 00", MALFORMED_PACKET, "Property Length needs"),
                bad("string length past the end", V5, "30 05 00 09 61 62 63", MALFORMED_PACKET,
                        "PUBLISH Topic Name needs 9 byte(s) but only 3 remain"),
                bad("string length cut in half", V3_1_1, "30 01 00", MALFORMED_PACKET, "Topic Name length needs 2"),
                bad("packet id cut", V3_1_1, "40 01 00", MALFORMED_PACKET, "PUBACK Packet Identifier needs 2"),
                bad("PUBLISH QoS 1 without packet id", V3_1_1, "32 03 00 01 61", MALFORMED_PACKET,
                        "PUBLISH Packet Identifier needs 2"),
                bad("binary past the end", V5, "20 08 00 00 05 16 00 09 01 02", MALFORMED_PACKET,
                        "Authentication Data needs 9"),
                // UTF-8
                bad("invalid UTF-8", V5, "30 05 00 02 C3 28 00", MALFORMED_PACKET, "[MQTT-1.5.4-1]"),
                bad("invalid UTF-8 on 3.1.1", V3_1_1, "30 04 00 02 C3 28", MALFORMED_PACKET, "[MQTT-1.5.3-1]"),
                bad("overlong UTF-8 slash", V5, "30 05 00 02 C0 AF 00", MALFORMED_PACKET, "not well-formed"),
                bad("overlong 3-byte", V5, "30 06 00 03 E0 80 AF 00", MALFORMED_PACKET, "not well-formed"),
                bad("UTF-8 beyond U+10FFFF", V5, "30 07 00 04 F4 90 80 80 00", MALFORMED_PACKET, "not well-formed"),
                bad("lone continuation byte", V5, "30 04 00 01 80 00", MALFORMED_PACKET, "not well-formed"),
                bad("UTF-8 sequence cut by the string end", V5, "30 06 00 02 61 E2 82 00", MALFORMED_PACKET,
                        "not well-formed"),
                bad("surrogate U+D800", V5, "30 06 00 03 ED A0 80 00", MALFORMED_PACKET, "surrogate"),
                bad("U+0000 in a topic", V5, "30 06 00 03 61 00 62 00", MALFORMED_PACKET, "[MQTT-1.5.4-2]"),
                bad("U+0000 in a topic on 3.1.1", V3_1_1, "30 05 00 03 61 00 62", MALFORMED_PACKET,
                        "[MQTT-1.5.3-2]"),
                bad("U+0000 after non-ASCII", V5, "30 07 00 04 C3 A9 00 62 00", MALFORMED_PACKET, "U+0000"),
                bad("U+0000 in a user property", V5, "40 0B 00 01 00 07 26 00 01 00 00 01 61", MALFORMED_PACKET,
                        "User Property name contains U+0000"),
                // topics
                bad("'#' in a PUBLISH topic", V5, "30 06 00 03 61 2F 23 00", MALFORMED_PACKET, "[MQTT-3.3.2-2]"),
                bad("'+' in a PUBLISH topic", V3_1_1, "30 05 00 03 2B 2F 62", MALFORMED_PACKET, "[MQTT-3.3.2-2]"),
                bad("empty topic on 3.1.1", V3_1_1, "30 02 00 00", MALFORMED_PACKET, "[MQTT-4.7.3-1]"),
                bad("empty topic without alias", V5, "30 03 00 00 00", PROTOCOL_ERROR, "no Topic Alias"),
                bad("wildcard in Response Topic", V5, "30 09 00 01 61 05 08 00 02 61 23", PROTOCOL_ERROR,
                        "Response Topic"),
                // packet identifiers
                bad("PUBACK packet id 0", V5, "40 02 00 00", MALFORMED_PACKET, "[MQTT-2.2.1-3] PUBACK"),
                bad("PUBACK packet id 0 on 3.1.1", V3_1_1, "40 02 00 00", MALFORMED_PACKET, "[MQTT-2.3.1-1] PUBACK"),
                bad("PUBLISH QoS 1 packet id 0", V3_1_1, "32 05 00 01 61 00 00", MALFORMED_PACKET, "[MQTT-2.3.1-1]"),
                bad("SUBACK packet id 0", V5, "90 04 00 00 00 00", MALFORMED_PACKET, "[MQTT-2.2.1-3] SUBACK"),
                bad("SUBSCRIBE packet id 0", V3_1_1, "82 06 00 00 00 01 61 00", MALFORMED_PACKET, "[MQTT-2.3.1-1]"),
                bad("UNSUBACK packet id 0", V3_1_1, "B0 02 00 00", MALFORMED_PACKET, "[MQTT-2.3.1-1]"),
                // properties
                bad("duplicate property", V5, "20 09 00 00 06 21 00 0A 21 00 0B", PROTOCOL_ERROR,
                        "Receive Maximum appears more than once in CONNACK"),
                bad("duplicate Topic Alias", V5, "30 0A 00 01 61 06 23 00 01 23 00 02", PROTOCOL_ERROR,
                        "Topic Alias appears more than once"),
                bad("duplicate Subscription Identifier in SUBSCRIBE", V5, "82 0A 00 01 04 0B 01 0B 02 00 01 61 00",
                        PROTOCOL_ERROR, "Subscription Identifier appears more than once"),
                bad("unknown property id", V5, "20 05 00 00 02 7F 00", MALFORMED_PACKET,
                        "unknown property identifier 0x7f"),
                bad("property id beyond one byte", V5, "20 05 00 00 02 80 01", MALFORMED_PACKET,
                        "unknown property identifier 0x80"),
                bad("Topic Alias in PUBACK", V5, "40 07 00 01 00 03 23 00 01", MALFORMED_PACKET,
                        "Topic Alias (0x23) is not valid in PUBACK"),
                bad("Session Expiry in PUBLISH", V5, "30 09 00 01 61 05 11 00 00 00 01", MALFORMED_PACKET,
                        "Session Expiry Interval (0x11) is not valid in PUBLISH"),
                bad("Will Delay in CONNECT properties", V5,
                        "10 12 00 04 4D 51 54 54 05 02 00 3C 05 18 00 00 00 01 00 00", MALFORMED_PACKET,
                        "Will Delay Interval (0x18) is not valid in CONNECT"),
                bad("property length overrun", V5, "20 04 00 00 05 21", MALFORMED_PACKET,
                        "CONNACK Property Length length 5 overruns"),
                bad("property value overruns its block", V5, "20 06 00 00 02 21 00 0A", MALFORMED_PACKET,
                        "Receive Maximum needs 2 byte(s) but only 1"),
                bad("5-byte Subscription Identifier", V5, "30 09 00 01 61 05 0B 80 80 80 80", MALFORMED_PACKET,
                        "longer than 4 bytes"),
                bad("non-minimal Subscription Identifier", V5, "30 07 00 01 61 03 0B 81 00", MALFORMED_PACKET,
                        "[MQTT-1.5.5-1] Subscription Identifier"),
                bad("Receive Maximum 0", V5, "20 06 00 00 03 21 00 00", PROTOCOL_ERROR, "Receive Maximum"),
                bad("Maximum Packet Size 0", V5, "20 08 00 00 05 27 00 00 00 00", PROTOCOL_ERROR,
                        "Maximum Packet Size"),
                bad("Maximum QoS 2", V5, "20 05 00 00 02 24 02", PROTOCOL_ERROR, "Maximum QoS in CONNACK must be 0 or 1"),
                bad("Retain Available 2", V5, "20 05 00 00 02 25 02", PROTOCOL_ERROR, "Retain Available"),
                bad("Payload Format Indicator 2", V5, "30 06 00 01 61 02 01 02", PROTOCOL_ERROR,
                        "Payload Format Indicator in PUBLISH must be 0 or 1"),
                bad("Topic Alias 0", V5, "30 07 00 01 61 03 23 00 00", PROTOCOL_ERROR, "Topic Alias in PUBLISH must not be 0"),
                bad("Subscription Identifier 0", V5, "30 06 00 01 61 02 0B 00", PROTOCOL_ERROR,
                        "Subscription Identifier in PUBLISH must not be 0"),
                bad("AUTH data without method", V5, "F0 07 18 05 16 00 02 01 02", PROTOCOL_ERROR,
                        "without an Authentication Method"),
                // reason codes
                bad("3.1.1 CONNACK return code 6", V3_1_1, "20 02 00 06", MALFORMED_PACKET, "return code 6 is reserved"),
                bad("CONNACK reason code 0x04", V5, "20 03 00 04 00", MALFORMED_PACKET, "0x4 is not a CONNACK reason"),
                bad("Session Present with a refusal", V3_1_1, "20 02 01 05", PROTOCOL_ERROR, "[MQTT-3.2.2-4]"),
                bad("Session Present with a refusal on 5", V5, "20 03 01 87 00", PROTOCOL_ERROR, "[MQTT-3.2.2-6]"),
                bad("CONNACK reserved ack flags", V5, "20 03 02 00 00", MALFORMED_PACKET, "[MQTT-3.2.2-1]"),
                bad("3.1.1 SUBACK return code 3", V3_1_1, "90 03 00 01 03", MALFORMED_PACKET, "[MQTT-3.9.3-2]"),
                bad("SUBACK reason code 0x10", V5, "90 04 00 01 00 10", MALFORMED_PACKET, "not a SUBACK reason code"),
                bad("SUBACK without codes", V5, "90 03 00 01 00", MALFORMED_PACKET, "no reason code"),
                bad("UNSUBACK without codes", V5, "B0 03 00 01 00", MALFORMED_PACKET, "no reason code"),
                bad("PUBACK reason code 0x92", V5, "40 03 00 01 92", MALFORMED_PACKET, "not a PUBACK reason code"),
                bad("PUBREL reason code 0x10", V5, "62 03 00 01 10", MALFORMED_PACKET, "not a PUBREL reason code"),
                bad("DISCONNECT reason code 0x05", V5, "E0 01 05", MALFORMED_PACKET, "not a DISCONNECT reason code"),
                bad("AUTH reason code 0x87", V5, "F0 02 87 00", MALFORMED_PACKET, "not an AUTH reason code"),
                // CONNECT, SUBSCRIBE, UNSUBSCRIBE
                bad("CONNECT protocol name", V3_1_1, "10 0D 00 04 4D 51 54 58 04 02 00 3C 00 01 61", MALFORMED_PACKET,
                        "[MQTT-3.1.2-1]"),
                bad("CONNECT protocol level", V5, "10 0D 00 04 4D 51 54 54 04 02 00 3C 00 01 61",
                        ReasonCode.UNSUPPORTED_PROTOCOL_VERSION, "[MQTT-3.1.2-2]"),
                bad("CONNECT reserved flag", V3_1_1, "10 0D 00 04 4D 51 54 54 04 03 00 3C 00 01 61", MALFORMED_PACKET,
                        "[MQTT-3.1.2-3]"),
                bad("CONNECT will QoS 3", V3_1_1, "10 0D 00 04 4D 51 54 54 04 1E 00 3C 00 01 61", MALFORMED_PACKET,
                        "[MQTT-3.1.2-14]"),
                bad("CONNECT will retain without will", V5, "10 0E 00 04 4D 51 54 54 05 22 00 3C 00 00 01 61",
                        MALFORMED_PACKET, "[MQTT-3.1.2-11]"),
                bad("CONNECT password without user on 3.1.1", V3_1_1,
                        "10 10 00 04 4D 51 54 54 04 42 00 3C 00 01 61 00 01 70", MALFORMED_PACKET, "[MQTT-3.1.2-22]"),
                bad("SUBSCRIBE without filters", V3_1_1, "82 02 00 01", PROTOCOL_ERROR, "[MQTT-3.8.3-3]"),
                bad("SUBSCRIBE without filters on 5", V5, "82 03 00 01 00", PROTOCOL_ERROR, "[MQTT-3.8.3-2]"),
                bad("SUBSCRIBE reserved option bits", V5, "82 09 00 01 00 00 03 61 2F 62 C0", MALFORMED_PACKET,
                        "[MQTT-3.8.3-5]"),
                bad("SUBSCRIBE QoS 3", V5, "82 07 00 01 00 00 01 61 03", PROTOCOL_ERROR, "Maximum QoS must not be 3"),
                bad("SUBSCRIBE retain handling 3", V5, "82 07 00 01 00 00 01 61 30", PROTOCOL_ERROR, "Retain Handling"),
                bad("3.1.1 SUBSCRIBE QoS byte 4", V3_1_1, "82 06 00 01 00 01 61 04", MALFORMED_PACKET,
                        "[MQTT-3-8.3-4]"),
                bad("UNSUBSCRIBE without filters", V3_1_1, "A2 02 00 01", PROTOCOL_ERROR, "[MQTT-3.10.3-2]"));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("malformed")
    void isRefusedNamingTheRule(String what, MqttVersion version, String hex, ReasonCode code, String message) {
        PacketDecoder decoder = new PacketDecoder(version, 0);
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> decoder.decode(Hex.buffer(hex)));
        assertEquals(code, e.reasonCode(), e.getMessage());
        assertTrue(e.getMessage().contains(message), () -> "'" + e.getMessage() + "' should contain '" + message + "'");
    }
}
