package io.edgemqtt.impl.codec;

import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.ReasonCode;

/**
 * A received packet broke the protocol. The connection must be closed (MQTT 5: after a DISCONNECT carrying {@link
 * #reasonCode()}). The message names the spec rule that was broken, so a log line is enough to blame the peer.
 */
public final class MalformedPacketException extends MqttException {
    private static final long serialVersionUID = 1L;

    /**
     * @param reasonCode MALFORMED_PACKET, PROTOCOL_ERROR, PACKET_TOO_LARGE or UNSUPPORTED_PROTOCOL_VERSION
     * @param message what was wrong, starting with the rule id, e.g. "[MQTT-1.5.4-2] ..."
     */
    public MalformedPacketException(ReasonCode reasonCode, String message) {
        super(reasonCode, message);
    }

    /**
     * @param message what was wrong, naming the rule
     * @return a MALFORMED_PACKET failure: the bytes cannot be parsed as the spec defines them
     */
    public static MalformedPacketException malformed(String message) {
        return new MalformedPacketException(ReasonCode.MALFORMED_PACKET, message);
    }

    /**
     * @param message what was wrong, naming the rule
     * @return a PROTOCOL_ERROR failure: the packet parses but carries a value the protocol forbids
     */
    public static MalformedPacketException protocolError(String message) {
        return new MalformedPacketException(ReasonCode.PROTOCOL_ERROR, message);
    }
}
