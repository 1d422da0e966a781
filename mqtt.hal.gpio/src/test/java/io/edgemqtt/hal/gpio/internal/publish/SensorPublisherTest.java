package io.edgemqtt.hal.gpio.internal.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.Qos;
import io.edgemqtt.hal.gpio.api.DigitalInput;
import io.edgemqtt.hal.gpio.api.Edge;
import io.edgemqtt.hal.gpio.api.EdgeEvent;
import io.edgemqtt.hal.gpio.api.EdgeListener;
import io.edgemqtt.hal.gpio.api.Reading;
import io.edgemqtt.hal.gpio.api.Sensor;
import io.edgemqtt.hal.gpio.internal.ConfigException;
import io.edgemqtt.hal.gpio.internal.Configs;
import io.edgemqtt.hal.gpio.internal.FakeMqttClient;
import io.edgemqtt.hal.gpio.internal.RecordingLogger;
import io.edgemqtt.hal.gpio.internal.TestClock;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SensorPublisherTest {
    static final Instant START = Instant.parse("2024-05-01T12:00:00Z");

    final TestClock clock = new TestClock(START);
    final FakeMqttClient client = new FakeMqttClient();
    final AtomicReference<io.edgemqtt.api.MqttClient> bound = new AtomicReference<>(client);
    final RecordingLogger log = new RecordingLogger();
    final ScriptedSensor tank = new ScriptedSensor("tank");

    /** A sensor whose next value the test sets; it reads at the test clock's time. */
    final class ScriptedSensor implements Sensor {
        final String id;
        volatile Reading next;

        ScriptedSensor(String id) {
            this.id = id;
        }

        void value(double celsius) {
            next = Reading.good(id, "temperature", celsius, "°C", clock.instant());
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public List<String> quantities() {
            return List.of("temperature");
        }

        @Override
        public List<Reading> read() {
            return List.of(next);
        }
    }

    /** A digital input whose level the test sets. */
    static final class FakeInput implements DigitalInput {
        volatile boolean level;
        volatile IOException failure;
        final List<EdgeListener> listeners = new ArrayList<>();

        @Override
        public String id() {
            return "door";
        }

        @Override
        public boolean read() throws IOException {
            if (failure != null) {
                throw failure;
            }
            return level;
        }

        @Override
        public void addEdgeListener(EdgeListener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeEdgeListener(EdgeListener listener) {
            listeners.remove(listener);
        }
    }

    SensorPublisher publisher(Object... config) throws ConfigException {
        return SensorPublisherComponent.create(Configs.of(SensorPublisherConfig.class, config), "mqtt.gpio.sensor~t",
                bound::get, clock, log);
    }

    void sample(SensorPublisher publisher) {
        publisher.sample(List.of(tank), List.of());
    }

    @Test
    void aReadingIsPublishedAsJsonOnItsTopicAtQos1ByDefault() throws ConfigException {
        tank.value(21.5);
        sample(publisher());
        MqttMessage message = client.published.get(0);
        assertEquals("sensors/tank/temperature", message.topic());
        assertEquals("{\"ts\":1714564800000,\"value\":21.5,\"unit\":\"°C\",\"quality\":\"GOOD\"}",
                message.payloadAsString());
        assertEquals(Qos.AT_LEAST_ONCE, message.qos());
        assertEquals(false, message.isRetain());
        assertEquals("application/json", message.contentType().orElseThrow());
    }

    @Test
    void topicQosAndRetainAreConfigurable() throws ConfigException {
        tank.value(3);
        sample(publisher("topic", "plant/boiler/{quantity}/{id}", "qos", 0, "retain", true));
        MqttMessage message = client.published.get(0);
        assertEquals("plant/boiler/temperature/tank", message.topic());
        assertEquals(Qos.AT_MOST_ONCE, message.qos());
        assertTrue(message.isRetain());
        assertEquals("{\"ts\":1714564800000,\"value\":3,\"unit\":\"°C\",\"quality\":\"GOOD\"}",
                message.payloadAsString());
    }

    @Test
    void badAndSuspectReadingsArePublishedWithTheirReason() throws ConfigException {
        SensorPublisher publisher = publisher();
        tank.next = Reading.bad("tank", "temperature", "°C", clock.instant(), "CRC check failed (crc=57 NO)");
        sample(publisher);
        tank.next = Reading.suspect("tank", "temperature", 85, "°C", clock.instant(), "power-on value");
        sample(publisher);
        assertEquals(List.of(
                "{\"ts\":1714564800000,\"value\":null,\"unit\":\"°C\",\"quality\":\"BAD\","
                        + "\"reason\":\"CRC check failed (crc=57 NO)\"}",
                "{\"ts\":1714564800000,\"value\":85,\"unit\":\"°C\",\"quality\":\"SUSPECT\","
                        + "\"reason\":\"power-on value\"}"), client.payloads());
    }

    @Test
    void theIbmPresetUsesDeviceEventTopicsAndPutsTheReadingUnderD() throws ConfigException {
        tank.value(21.5);
        sample(publisher("preset", "ibm"));
        sample(publisher("preset", "IBM", "ibm.event", "status-{id}"));
        assertEquals(List.of("iot-2/evt/temperature/fmt/json", "iot-2/evt/status-tank/fmt/json"), client.topics());
        assertEquals("{\"d\":{\"id\":\"tank\",\"quantity\":\"temperature\",\"value\":21.5,\"unit\":\"°C\","
                + "\"quality\":\"GOOD\"},\"ts\":\"2024-05-01T12:00:00Z\"}", client.payloads().get(0));
    }

    @Test
    void onlyChangesBeyondTheDeadbandArePublishedMeasuredFromTheLastPublishedValue() throws ConfigException {
        SensorPublisher publisher = publisher("deadband", 0.1, "heartbeat.s", 0L);
        for (double value : new double[] {20.0, 20.05, 20.1, 20.2, 20.25, 20.3, 20.31, 20.31, 20.0}) {
            clock.advance(Duration.ofSeconds(10));
            tank.value(value);
            sample(publisher);
        }
        assertEquals(List.of(20.0, 20.2, 20.31, 20.0), publishedValues());
    }

    @Test
    void withoutADeadbandEveryChangeButNoRepeatIsPublished() throws ConfigException {
        SensorPublisher publisher = publisher("heartbeat.s", 0L);
        for (double value : new double[] {1, 1, 2, 2, 2, 1}) {
            clock.advance(Duration.ofSeconds(1));
            tank.value(value);
            sample(publisher);
        }
        assertEquals(List.of(1.0, 2.0, 1.0), publishedValues());
    }

    @Test
    void theHeartbeatRepublishesAnUnchangedValue() throws ConfigException {
        SensorPublisher publisher = publisher("deadband", 1.0, "heartbeat.s", 60L);
        for (int second = 0; second <= 130; second += 10) {
            tank.value(20);
            sample(publisher);
            clock.advance(Duration.ofSeconds(10));
        }
        assertEquals(3, client.published.size(), "at 0, 60 and 120 s");
        assertEquals(List.of(START, START.plusSeconds(60), START.plusSeconds(120)),
                client.payloads().stream().map(p -> Instant.ofEpochMilli(Long.parseLong(
                        p.substring(6, p.indexOf(','))))).toList());
    }

    @Test
    void aQualityChangeIsPublishedWhateverTheDeadband() throws ConfigException {
        SensorPublisher publisher = publisher("deadband", 100.0, "heartbeat.s", 0L);
        tank.value(20);
        sample(publisher);
        tank.next = Reading.suspect("tank", "temperature", 20, "°C", clock.instant(), "odd");
        sample(publisher);
        tank.value(20);
        sample(publisher);
        assertEquals(List.of("GOOD", "SUSPECT", "GOOD"), client.payloads().stream()
                .map(p -> p.replaceAll(".*\"quality\":\"(\\w+)\".*", "$1")).toList());
    }

    @Test
    void edgesArePublishedAtOnceAndTheSamplesAroundThemOnlyOnChange() throws ConfigException {
        SensorPublisher publisher = publisher("deadband", 5.0, "heartbeat.s", 0L);
        FakeInput door = new FakeInput();
        publisher.sample(List.of(), List.of(door));
        clock.advance(Duration.ofSeconds(1));
        publisher.onEdge(new EdgeEvent("door", Edge.RISING, clock.instant()));
        door.level = true;
        publisher.sample(List.of(), List.of(door));
        clock.advance(Duration.ofSeconds(1));
        publisher.onEdge(new EdgeEvent("door", Edge.FALLING, clock.instant()));
        assertEquals(List.of("sensors/door/state", "sensors/door/state", "sensors/door/state"), client.topics());
        assertEquals(List.of(0.0, 1.0, 0.0), publishedValues(), "edges bypass the deadband of 5");
    }

    @Test
    void aSampleTakenBeforeAnEdgeThatWasPublishedIsDropped() throws ConfigException {
        SensorPublisher publisher = publisher("heartbeat.s", 0L);
        FakeInput door = new FakeInput();
        publisher.sample(List.of(), List.of(door)); // 0 at START
        publisher.onEdge(new EdgeEvent("door", Edge.RISING, START.plusSeconds(2)));
        clock.advance(Duration.ofSeconds(1)); // a sample read at +1 s, before the edge, arrives late
        publisher.sample(List.of(), List.of(door));
        assertEquals(List.of(0.0, 1.0), publishedValues());
    }

    @Test
    void anUnreadableInputPublishesABadState() throws ConfigException {
        FakeInput door = new FakeInput();
        door.failure = new IOException("No such device");
        publisher().sample(List.of(), List.of(door));
        assertEquals("{\"ts\":1714564800000,\"value\":null,\"unit\":\"\",\"quality\":\"BAD\","
                + "\"reason\":\"No such device\"}", client.payloads().get(0));
    }

    @Test
    void quantitiesFilterWhatIsPublished() throws ConfigException {
        tank.value(20);
        FakeInput door = new FakeInput();
        publisher("quantities", new String[] {"state"}).sample(List.of(tank), List.of(door));
        assertEquals(List.of("sensors/door/state"), client.topics());
    }

    @Test
    void publishingGoesOnDuringAnOutageAndFailuresAreLoggedOncePerOutage() throws ConfigException {
        SensorPublisher publisher = publisher("heartbeat.s", 0L);
        client.mode = FakeMqttClient.Mode.PENDING; // offline: the client buffers
        for (int i = 0; i < 5; i++) {
            tank.value(i);
            sample(publisher);
        }
        assertEquals(5, client.published.size(), "every sample handed to the client while offline");
        assertEquals(List.of(), log.lines, "buffering is not a failure");

        client.mode = FakeMqttClient.Mode.FAIL; // the buffer overflows
        for (int i = 5; i < 10; i++) {
            tank.value(i);
            sample(publisher);
        }
        assertEquals(10, client.published.size());
        assertEquals(1, log.at(Level.WARNING).size(), log.lines.toString());
        assertTrue(log.lines.get(0).contains("publish to sensors/tank/temperature failed: the offline buffer is full"),
                log.lines.get(0));

        client.mode = FakeMqttClient.Mode.SUCCEED;
        tank.value(10);
        sample(publisher);
        tank.value(11);
        sample(publisher);
        assertEquals(List.of("INFO mqtt.gpio.sensor~t: publishing works again after 5 failed publish(es)"),
                log.at(Level.INFO));

        client.mode = FakeMqttClient.Mode.FAIL;
        tank.value(12);
        sample(publisher);
        tank.value(13);
        sample(publisher);
        assertEquals(2, log.at(Level.WARNING).size(), "a new outage, one new line");
    }

    @Test
    void noClientIsAnOutageToo() throws ConfigException {
        SensorPublisher publisher = publisher("heartbeat.s", 0L);
        bound.set(null);
        for (int i = 0; i < 3; i++) {
            tank.value(i);
            sample(publisher);
        }
        assertEquals(1, log.lines.size());
        assertTrue(log.lines.get(0).contains("no MQTT client matches the client.target filter"));
        bound.set(client);
        tank.value(5);
        sample(publisher);
        assertEquals(List.of(5.0), publishedValues());
    }

    @Test
    void aSensorThatThrowsDoesNotStopTheOthers() throws ConfigException {
        Sensor broken = new Sensor() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public List<String> quantities() {
                return List.of("temperature");
            }

            @Override
            public List<Reading> read() {
                throw new IllegalStateException("bug");
            }
        };
        tank.value(1);
        publisher().sample(List.of(broken, tank), List.of());
        assertEquals(List.of("sensors/tank/temperature"), client.topics());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "interval.ms|50", "deadband|-1", "heartbeat.s|-1", "qos|3", "preset|azure", "topic|sensors/+/{quantity}",
        "topic|sensors/{device}", "topic|''", "ibm.event|a/b", "source.id|a b", "topic|sensors/{id",
    })
    void invalidConfigurationsNameTheProperty(String property, String value) {
        Object typed = value;
        switch (property) {
            case "interval.ms":
            case "heartbeat.s":
                typed = Long.parseLong(value);
                break;
            case "deadband":
                typed = Double.parseDouble(value);
                break;
            case "qos":
                typed = Integer.parseInt(value);
                break;
            default:
                break;
        }
        Object configured = typed;
        ConfigException e = assertThrows(ConfigException.class, () -> publisher("preset",
                property.startsWith("ibm") ? "ibm" : "none", property, configured));
        assertEquals(property, e.property());
    }

    List<Double> publishedValues() {
        return client.payloads().stream().map(p -> p.replaceAll(".*\"value\":([-0-9.]+|null).*", "$1"))
                .map(Double::parseDouble).toList();
    }
}
