package io.edgemqtt.impl.engine;

import io.edgemqtt.impl.testing.HiveMqBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link Mqtt5LimitsContract} against a HiveMQ CE of its own, configured with the limits. */
class Mqtt5LimitsTest extends Mqtt5LimitsContract {
    private static final int SERVER_KEEP_ALIVE = 3;
    private static HiveMqBroker broker;

    @BeforeAll
    static void start() {
        broker = HiveMqBroker.startPrivate(
                "<keep-alive><max-keep-alive>" + SERVER_KEEP_ALIVE + "</max-keep-alive></keep-alive>"
                + "<packets><max-packet-size>" + MAXIMUM_PACKET_SIZE + "</max-packet-size></packets>"
                + "<receive-maximum><server-receive-maximum>" + RECEIVE_MAXIMUM
                + "</server-receive-maximum></receive-maximum>"
                + "<topic-alias><enabled>true</enabled><max-per-client>" + TOPIC_ALIASES
                + "</max-per-client></topic-alias>");
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    protected String uri() {
        return broker.uri();
    }

    @Override
    protected int serverKeepAlive() {
        return SERVER_KEEP_ALIVE;
    }
}
