package io.edgemqtt.api;

/** The protocol version a client speaks on the wire. The client models everything as MQTT 5 internally. */
public enum MqttVersion {
    /** MQTT 3.1.1 (OASIS standard, October 2014), protocol level 4. */
    V3_1_1(4),
    /** MQTT 5.0 (OASIS standard, March 2019), protocol level 5. */
    V5(5);

    private final int protocolLevel;

    MqttVersion(int protocolLevel) {
        this.protocolLevel = protocolLevel;
    }

    /** @return the protocol level byte sent in CONNECT (4 or 5) */
    public int protocolLevel() {
        return protocolLevel;
    }

    /**
     * Parses a configuration value.
     *
     * @param text {@code "3.1.1"}, {@code "4"}, {@code "5"} or {@code "5.0"}
     * @return the version
     * @throws IllegalArgumentException naming the value if it is none of these
     */
    public static MqttVersion parse(String text) {
        switch (text.trim()) {
            case "3.1.1":
            case "4":
            case "V3_1_1":
                return V3_1_1;
            case "5":
            case "5.0":
            case "V5":
                return V5;
            default:
                throw new IllegalArgumentException("unknown MQTT version '" + text + "' (expected 3.1.1 or 5)");
        }
    }
}
