package io.edgemqtt.impl.session;

/**
 * What the broker allows us to send on the current connection (from its MQTT 5 CONNACK; on 3.1.1 only the receive
 * maximum's default applies).
 *
 * @param receiveMaximum the broker's Receive Maximum: most QoS 1/2 publishes in flight (65535 if it sent none)
 * @param maximumPacketSize the broker's Maximum Packet Size in bytes, 0 if it sent none
 * @param topicAliases how many outbound topic aliases the client may assign (its own limit and the broker's Topic Alias
 *     Maximum, whichever is smaller), 0 for none
 * @param messageExpiry true to count down (and enforce) message expiry intervals before sending (MQTT 5)
 */
public record SendLimits(int receiveMaximum, long maximumPacketSize, int topicAliases, boolean messageExpiry) {
    /** MQTT 3.1.1, or an MQTT 5 broker that announced no limits. */
    public static final SendLimits NONE = new SendLimits(65_535, 0, 0, false);
}
