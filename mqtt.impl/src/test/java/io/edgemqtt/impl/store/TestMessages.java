package io.edgemqtt.impl.store;

import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.spi.PersistedPublish;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Messages for store tests: every field set, contents derived from a number so a reader can check them. */
final class TestMessages {
    private TestMessages() {}

    static MqttMessage full(long n) {
        return MqttMessage.builder("plant/line-" + n + "/temp/ü/😀")
                .payload(("reading " + n + " ").repeat((int) (n % 5) + 1))
                .qos(n % 2 == 0 ? Qos.AT_LEAST_ONCE : Qos.EXACTLY_ONCE)
                .retain(n % 3 == 0)
                .payloadUtf8(true)
                .messageExpiryInterval(n % 7 == 0 ? 0xFFFF_FFFFL : n)
                .contentType("text/plain")
                .responseTopic("reply/" + n)
                .correlationData(("corr-" + n).getBytes(StandardCharsets.UTF_8))
                .userProperty("n", Long.toString(n))
                .userProperty("n", "repeated")
                .userProperty("", "")
                .build();
    }

    static MqttMessage plain(long n) {
        return MqttMessage.of("t/" + n, new byte[] {(byte) n, 1, 2, 3}, Qos.AT_LEAST_ONCE);
    }

    static PersistedPublish publish(long sequence) {
        return PersistedPublish.of(sequence, 0, false, sequence % 4 == 0 ? plain(sequence) : full(sequence));
    }

    /** Compares content, since PersistedPublish has no equals of its own. */
    static String describe(PersistedPublish p) {
        MqttMessage m = p.message();
        return p.sequence() + "/" + p.packetId() + "/" + p.isReleased() + "/" + m.topic() + "/" + m.qos() + "/"
                + m.isRetain() + "/" + m.payloadAsString() + "/" + m.contentType() + "/" + m.responseTopic() + "/"
                + m.messageExpiryInterval() + "/" + m.userProperties() + "/" + m.isPayloadUtf8() + "/"
                + m.correlationData().map(b -> StandardCharsets.ISO_8859_1.decode(b).toString());
    }

    static List<String> describe(List<PersistedPublish> publishes) {
        return publishes.stream().map(TestMessages::describe).toList();
    }
}
