package io.edgemqtt.api.whiteboard;

/**
 * Names of the service properties of a whiteboard {@link io.edgemqtt.api.MessageHandler}, for registrations made
 * without {@link MqttSubscription}. A registration without {@link #TOPIC} is ignored (with one log line).
 */
public final class WhiteboardProperties {
    /** Topic filters: {@code String} or {@code String[]}. Required. */
    public static final String TOPIC = "mqtt.subscription.topic";
    /** Maximum QoS: {@code Integer} 0, 1 or 2, or its text; default 1. */
    public static final String QOS = "mqtt.subscription.qos";
    /** LDAP filter over client service properties; absent or empty: every client. */
    public static final String CLIENT = "mqtt.subscription.client";
    /** MQTT 5 no-local: {@code Boolean}. */
    public static final String NO_LOCAL = "mqtt.subscription.noLocal";
    /** MQTT 5 retain-as-published: {@code Boolean}. */
    public static final String RETAIN_AS_PUBLISHED = "mqtt.subscription.retainAsPublished";
    /** MQTT 5 retain handling: {@code Integer} 0, 1 or 2. */
    public static final String RETAIN_HANDLING = "mqtt.subscription.retainHandling";

    private WhiteboardProperties() {}
}
