package io.edgemqtt.hal.gpio.internal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.hal.gpio.api.DigitalOutput;
import io.edgemqtt.hal.gpio.api.Edge;
import io.edgemqtt.hal.gpio.api.EdgeEvent;
import io.edgemqtt.hal.gpio.api.HalProperties;
import io.edgemqtt.hal.gpio.api.Reading;
import io.edgemqtt.hal.gpio.api.Sensor;
import io.edgemqtt.hal.gpio.internal.ConfigException;
import io.edgemqtt.hal.gpio.internal.Configs;
import io.edgemqtt.hal.gpio.internal.HalThreads;
import io.edgemqtt.hal.gpio.internal.RecordingRegistrar;
import io.edgemqtt.hal.gpio.internal.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatedDevicesTest {
    final RecordingRegistrar registrar = new RecordingRegistrar();
    final TestClock clock = new TestClock(Instant.parse("2024-05-01T12:00:00Z"));

    @Test
    void aSineGoesThroughItsPeaks() {
        Waveform sine = new Waveform(Waveform.Shape.SINE, 1000, 5, 20, 0, new Random(1));
        assertEquals(20, sine.sample(0, 0), 1e-9);
        assertEquals(25, sine.sample(250, 250), 1e-9);
        assertEquals(20, sine.sample(500, 250), 1e-9);
        assertEquals(15, sine.sample(750, 250), 1e-9);
        assertEquals(25, sine.sample(1250, 500), 1e-9, "periodic");
    }

    @Test
    void aRampRisesFromBottomToTop() {
        Waveform ramp = new Waveform(Waveform.Shape.RAMP, 1000, 10, 0, 0, new Random(1));
        assertEquals(-10, ramp.sample(0, 0), 1e-9);
        assertEquals(0, ramp.sample(500, 500), 1e-9);
        assertEquals(9.9, ramp.sample(995, 495), 1e-9);
        assertEquals(-10, ramp.sample(1000, 5), 1e-9);
    }

    @Test
    void aRandomWalkStaysWithinItsAmplitude() {
        Waveform walk = new Waveform(Waveform.Shape.RANDOM_WALK, 1000, 2, 50, 0, new Random(7));
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 1; i <= 10_000; i++) {
            double value = walk.sample(i * 100L, 100);
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        assertTrue(min >= 48 && max <= 52, min + ".." + max);
        assertTrue(max - min > 1, "it does move");
    }

    @Test
    void constantWithNoiseStaysNearTheOffset() {
        Waveform constant = new Waveform(Waveform.Shape.CONSTANT, 1000, 5, 3, 0.01, new Random(3));
        for (int i = 0; i < 100; i++) {
            assertEquals(3, constant.sample(i, 1), 0.1);
        }
        assertEquals(3, new Waveform(Waveform.Shape.CONSTANT, 1000, 5, 3, 0, new Random()).sample(1, 1));
    }

    @Test
    void theSensorComponentRegistersARoundedWaveform() {
        Sensor sensor = new SimulatedSensorComponent(Configs.of(SimulatedSensorConfig.class, "hal.id", "sim1",
                "waveform", "sine", "period.s", 60.0, "amplitude", 10.0, "offset", 20.0, "noise", 0.0,
                "decimals", 1), "pid", registrar, clock).sensor();
        clock.advance(Duration.ofSeconds(15));
        Reading reading = sensor.read().get(0);
        assertEquals(30.0, reading.value());
        assertEquals("temperature", reading.quantity());
        assertEquals("°C", reading.unit());
        assertEquals(clock.instant(), reading.timestamp());
        assertEquals("simulated", registrar.only().properties.get(HalProperties.TYPE));
        assertEquals(List.of("temperature"), List.of((String[]) registrar.only().properties.get(
                HalProperties.QUANTITIES)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"waveform=square", "period.s=0", "noise=-1", "decimals=12", "hal.id=", "quantity=a b"})
    void invalidSensorConfigurationsRegisterNothing(String entry) {
        String[] parts = entry.split("=", 2);
        Object value = parts[1];
        if (parts[0].equals("period.s") || parts[0].equals("noise")) {
            value = Double.parseDouble(parts[1]);
        } else if (parts[0].equals("decimals")) {
            value = Integer.parseInt(parts[1]);
        }
        assertNull(new SimulatedSensorComponent(Configs.of(SimulatedSensorConfig.class, "hal.id", "sim1",
                parts[0], value), "pid", registrar, clock).sensor());
        assertEquals(0, registrar.registrations.size());
    }

    @Test
    void edgeScriptsAreParsedStrictly() throws ConfigException {
        List<EdgeScript.Step> steps = EdgeScript.parse("script", "0:100, 1:50").steps();
        assertEquals(2, steps.size());
        assertTrue(steps.get(1).level);
        assertEquals(50, steps.get(1).millis);
        for (String bad : new String[] {"", "1", "2:100", "1:abc", "1:5", "0:100,,1:100"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> EdgeScript.parse("script", bad), bad);
            assertEquals("script", e.property());
        }
    }

    @Test
    void aSimulatedInputPlaysItsScriptAndSuppressesRepeatedLevels() throws Exception {
        HalThreads threads = new HalThreads();
        try {
            // the listener is added before the script starts, so no edge can be missed however fast the steps are
            SimulatedInput input = new SimulatedInput("button", EdgeScript.parse("script", "0:10,1:10,1:10,0:10,1:10"),
                    false, clock);
            BlockingQueue<EdgeEvent> events = new LinkedBlockingQueue<>();
            input.addEdgeListener(events::add);
            input.start(threads.scheduler());
            List<Edge> edges = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                EdgeEvent event = events.poll(10, TimeUnit.SECONDS);
                assertTrue(event != null, "edge " + i);
                assertEquals("button", event.inputId());
                edges.add(event.edge());
            }
            assertEquals(List.of(Edge.RISING, Edge.FALLING, Edge.RISING), edges);
            assertTrue(input.read());
            input.close();
        } finally {
            threads.close();
        }
    }

    @Test
    void theInputComponentRegistersAndUnregisters() {
        HalThreads threads = new HalThreads();
        try {
            SimulatedInputComponent component = new SimulatedInputComponent(Configs.of(SimulatedInputConfig.class,
                    "hal.id", "button", "script", "0:60000,1:1000"), "pid", registrar, threads, clock);
            assertEquals("button", registrar.only().properties.get(HalProperties.ID));
            assertFalse(component.input().read());
            component.deactivate();
            assertTrue(registrar.only().closed);
            assertNull(new SimulatedInputComponent(Configs.of(SimulatedInputConfig.class, "hal.id", "b2",
                    "script", "1:5"), "pid", registrar, threads, clock).input());
            assertEquals(1, registrar.registrations.size());
        } finally {
            threads.close();
        }
    }

    @Test
    void aSimulatedOutputRemembersItsLevel() throws Exception {
        DigitalOutput output = new SimulatedOutputComponent(Configs.of(SimulatedOutputConfig.class, "hal.id", "lamp",
                "initial", true), "pid", registrar).output();
        assertTrue(output.read());
        output.write(false);
        assertFalse(output.read());
        assertNull(new SimulatedOutputComponent(Configs.of(SimulatedOutputConfig.class), "pid", registrar).output());
    }
}
