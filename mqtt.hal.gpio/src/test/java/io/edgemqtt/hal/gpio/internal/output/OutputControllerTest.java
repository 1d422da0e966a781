package io.edgemqtt.hal.gpio.internal.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.MessageHandler;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.whiteboard.WhiteboardProperties;
import io.edgemqtt.hal.gpio.api.DigitalOutput;
import io.edgemqtt.hal.gpio.internal.Configs;
import io.edgemqtt.hal.gpio.internal.FakeMqttClient;
import io.edgemqtt.hal.gpio.internal.RecordingLogger;
import io.edgemqtt.hal.gpio.internal.RecordingRegistrar;
import io.edgemqtt.hal.gpio.internal.TestClock;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputControllerTest {
    final TestClock clock = new TestClock(Instant.parse("2024-05-01T12:00:00Z"));
    final FakeMqttClient client = new FakeMqttClient();
    final RecordingRegistrar registrar = new RecordingRegistrar();
    final RecordingLogger log = new RecordingLogger();
    final FakeOutput relay1 = new FakeOutput("relay1");
    final FakeOutput relay2 = new FakeOutput("relay2");
    final FakeOutput siren = new FakeOutput("siren");

    static final class FakeOutput implements DigitalOutput {
        final String id;
        volatile boolean level;
        volatile IOException failure;
        int writes;

        FakeOutput(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void write(boolean active) throws IOException {
            if (failure != null) {
                throw failure;
            }
            writes++;
            level = active;
        }

        @Override
        public boolean read() throws IOException {
            if (failure != null) {
                throw failure;
            }
            return level;
        }
    }

    OutputControllerComponent component(Object... config) {
        OutputControllerComponent component = new OutputControllerComponent(
                Configs.of(OutputControllerConfig.class, config), "mqtt.gpio.output~a", registrar, clock, log);
        component.addOutput(relay1);
        component.addOutput(relay2);
        component.addOutput(siren);
        component.addClient(client);
        component.start();
        client.published.clear();
        return component;
    }

    MessageHandler handler() {
        return (MessageHandler) registrar.only().service;
    }

    void command(String topic, String payload) {
        handler().onMessage(MqttMessage.of(topic, payload, Qos.AT_LEAST_ONCE));
    }

    @Test
    void theHandlerIsRegisteredOnTheWhiteboardForTheCommandTopic() {
        component("outputs", new String[] {"relay1", "relay2"}, "client.target", "(name=plant)", "qos", 2);
        RecordingRegistrar.Recorded registration = registrar.only();
        assertEquals(List.of(MessageHandler.class), registration.types);
        assertEquals(Map.of(WhiteboardProperties.TOPIC, "gpio/+/set", WhiteboardProperties.QOS, 2,
                WhiteboardProperties.CLIENT, "(name=plant)"), registration.properties);
    }

    @Test
    void anAcceptedCommandDrivesTheOutputAndPublishesItsStateRetained() {
        component("outputs", new String[] {"relay1", "relay2"});
        command("gpio/relay1/set", "on");
        assertTrue(relay1.level);
        assertFalse(relay2.level);
        MqttMessage state = client.published.get(0);
        assertEquals("gpio/relay1/state", state.topic());
        assertEquals("{\"ts\":1714564800000,\"value\":1,\"quality\":\"GOOD\"}", state.payloadAsString());
        assertTrue(state.isRetain());
        assertEquals(Qos.AT_LEAST_ONCE, state.qos());
        command("gpio/relay1/set", "{\"value\":0}");
        assertFalse(relay1.level);
        assertEquals("{\"ts\":1714564800000,\"value\":0,\"quality\":\"GOOD\"}", client.payloads().get(1));
        assertEquals(List.of(), log.lines);
    }

    @Test
    void aCommandForAnOutputNotAllowedIsRefusedWithOneLine() {
        component("outputs", new String[] {"relay1", "relay2"});
        command("gpio/siren/set", "1");
        assertFalse(siren.level);
        assertEquals(0, siren.writes);
        assertEquals(List.of(), client.published);
        assertEquals(List.of("WARNING mqtt.gpio.output~a: refused command on 'gpio/siren/set': output 'siren' is not "
                + "allowed (outputs: [relay1, relay2])"), log.lines);
    }

    @Test
    void aValueNotAcceptedIsRefusedWithOneLine() {
        component("outputs", new String[] {"relay1"}, "on.values", new String[] {"ON"}, "off.values",
                new String[] {"OFF"});
        command("gpio/relay1/set", "1");
        assertFalse(relay1.level);
        assertEquals(List.of(), client.published);
        assertEquals(1, log.lines.size());
        assertEquals("WARNING mqtt.gpio.output~a: refused command on 'gpio/relay1/set': payload '1' is not one of "
                + "on [on] or off [off]", log.lines.get(0));
        command("gpio/relay1/set", "On");
        assertTrue(relay1.level);
    }

    @Test
    void anAllowedOutputWithoutItsServiceIsRefused() {
        component("outputs", "relay1, pump"); // as a .cfg file gives it
        command("gpio/pump/set", "1");
        assertEquals(1, log.at(Level.WARNING).size());
        assertTrue(log.lines.get(0).contains("output 'pump' is allowed but no DigitalOutput service"));
    }

    @Test
    void withoutIdInTheTopicThePayloadNamesTheOutput() {
        component("outputs", new String[] {"relay1", "relay2"}, "command.topic", "plant/outputs/cmd");
        assertEquals("plant/outputs/cmd", registrar.only().properties.get(WhiteboardProperties.TOPIC));
        command("plant/outputs/cmd", "{\"id\":\"relay2\",\"value\":\"on\"}");
        assertTrue(relay2.level);
        command("plant/outputs/cmd", "on");
        assertTrue(log.lines.get(0).contains("no output named"), log.lines.toString());
        command("plant/outputs/cmd", "{\"id\":\"siren\",\"value\":1}");
        assertFalse(siren.level);
    }

    @Test
    void aPayloadNamingAnotherOutputThanTheTopicIsRefused() {
        component("outputs", new String[] {"relay1", "relay2"});
        command("gpio/relay1/set", "{\"id\":\"relay2\",\"value\":1}");
        assertFalse(relay1.level);
        assertFalse(relay2.level);
        assertTrue(log.lines.get(0).contains("the payload names output 'relay2', the topic 'relay1'"));
    }

    @Test
    void aFailingOutputIsLoggedAndItsBadStatePublished() {
        component("outputs", new String[] {"relay1"});
        relay1.failure = new IOException("No such device");
        command("gpio/relay1/set", "1");
        assertTrue(log.lines.get(0).contains("cannot drive output relay1: No such device"), log.lines.toString());
        assertEquals("{\"ts\":1714564800000,\"value\":null,\"quality\":\"BAD\",\"reason\":\"No such device\"}",
                client.payloads().get(0));
    }

    @Test
    void deactivationUnregistersAndDrivesTheAllowedOutputsToTheSafeState() {
        relay1.level = true;
        relay2.level = true;
        siren.level = true;
        OutputControllerComponent component = component("outputs", new String[] {"relay1", "relay2"});
        component.deactivate();
        assertTrue(registrar.only().closed);
        assertFalse(relay1.level);
        assertFalse(relay2.level);
        assertTrue(siren.level, "not ours");
        assertEquals(List.of("gpio/relay1/state", "gpio/relay2/state"), client.topics().stream().sorted().toList());
    }

    @ParameterizedTest
    @CsvSource({"on, true, true", "keep, false, false", "keep, true, true", "off, true, false"})
    void theSafeStateIsConfigurable(String safe, boolean before, boolean after) {
        relay1.level = before;
        component("outputs", new String[] {"relay1"}, "safe.state", safe).deactivate();
        assertEquals(after, relay1.level);
    }

    @Test
    void statesArePublishedWhenOutputsAndClientsAppear() {
        OutputControllerComponent component = new OutputControllerComponent(Configs.of(OutputControllerConfig.class,
                "outputs", new String[] {"relay1", "relay2"}), "pid", registrar, clock, log);
        component.addOutput(relay1);
        component.addOutput(relay2);
        assertEquals(List.of(), log.lines, "no client yet is not a failure: states follow when one appears");
        relay2.level = true;
        component.addClient(client);
        assertEquals(List.of("gpio/relay1/state", "gpio/relay2/state"), client.topics().stream().sorted().toList());
        component.removeClient(client);
        component.addOutput(siren);
        assertEquals(2, client.published.size(), "siren is not allowed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "outputs|", "outputs|a/b", "command.topic|gpio/+/set", "command.topic|gpio/x{id}/set",
        "command.topic|gpio/{id}/{id}", "command.topic|gpio/{pin}/set", "state.topic|gpio/state", "qos|3",
        "safe.state|open", "on.values|", "off.values|1",
    })
    void invalidConfigurationsRegisterNothingAndSayWhy(String property, String value) {
        Object typed = value == null ? new String[0] : value;
        if (property.equals("qos")) {
            typed = Integer.parseInt(value);
        }
        Object[] config = property.equals("outputs") ? new Object[] {property, typed}
                : new Object[] {"outputs", new String[] {"relay1", "relay2"}, property, typed};
        OutputControllerComponent component = new OutputControllerComponent(
                Configs.of(OutputControllerConfig.class, config), "mqtt.gpio.output~a", registrar, clock, log);
        component.addOutput(relay1);
        component.addClient(client);
        component.start();
        component.deactivate();
        assertNull(component.controller());
        assertEquals(0, registrar.registrations.size());
        assertEquals(List.of(), client.published);
        assertEquals(0, relay1.writes, "nothing else disturbed");
        assertEquals(1, log.lines.size(), log.lines.toString());
        assertTrue(log.lines.get(0).startsWith("ERROR mqtt.gpio.output~a: invalid configuration: property '"
                + property + "'"), log.lines.get(0));
    }
}
