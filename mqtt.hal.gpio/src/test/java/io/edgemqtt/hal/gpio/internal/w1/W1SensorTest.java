package io.edgemqtt.hal.gpio.internal.w1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.hal.gpio.api.HalProperties;
import io.edgemqtt.hal.gpio.api.Quality;
import io.edgemqtt.hal.gpio.api.Reading;
import io.edgemqtt.hal.gpio.api.Sensor;
import io.edgemqtt.hal.gpio.internal.Configs;
import io.edgemqtt.hal.gpio.internal.FakeKernel;
import io.edgemqtt.hal.gpio.internal.RecordingRegistrar;
import io.edgemqtt.hal.gpio.internal.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class W1SensorTest {
    static final String DEVICE = "28-0316a2791aff";

    @TempDir
    Path root;

    FakeKernel kernel;
    final RecordingRegistrar registrar = new RecordingRegistrar();
    final TestClock clock = new TestClock(Instant.parse("2024-05-01T12:00:00Z"));

    @BeforeEach
    void bus() {
        kernel = new FakeKernel(root);
        kernel.file("bus/w1/devices/w1_bus_master1/w1_master_slaves", DEVICE + "\n");
        kernel.file("bus/w1/devices/" + DEVICE + "/w1_slave",
                "90 01 4b 46 7f ff 0c 10 1c : crc=1c YES\n90 01 4b 46 7f ff 0c 10 1c t=25000\n");
        kernel.file("bus/w1/devices/" + DEVICE + "/temperature", "25000\n");
    }

    Sensor sensor(Object... extra) {
        Object[] values = new Object[extra.length + 2];
        values[0] = "sysfs.root";
        values[1] = root.toString();
        System.arraycopy(extra, 0, values, 2, extra.length);
        return new W1SensorComponent(Configs.of(W1SensorConfig.class, values), "pid", registrar, kernel, clock)
                .sensor();
    }

    Reading readOne(Sensor sensor) {
        List<Reading> readings = sensor.read();
        assertEquals(1, readings.size());
        return readings.get(0);
    }

    @Test
    void theOnlySensorPresentIsFoundAndNamedAfterItsDevice() {
        Sensor sensor = sensor();
        assertEquals(DEVICE, sensor.id());
        assertEquals(25.0, readOne(sensor).value());
        RecordingRegistrar.Recorded registration = registrar.only();
        assertEquals(DEVICE, registration.properties.get(HalProperties.ID));
        assertEquals("w1", registration.properties.get(HalProperties.TYPE));
    }

    @Test
    void w1SlaveIsPreferredForItsCrc() {
        kernel.file("bus/w1/devices/" + DEVICE + "/w1_slave",
                "90 01 4b 46 7f ff 0c 10 1c : crc=1c NO\n90 01 4b 46 7f ff 0c 10 1c t=25000\n");
        assertEquals(Quality.BAD, readOne(sensor("hal.id", "tank")).quality());
        assertEquals(Quality.GOOD, readOne(sensor("hal.id", "tank2", "file", "temperature")).quality());
    }

    @Test
    void theTemperatureAttributeIsUsedWhenThereIsNoW1Slave() throws IOException {
        Files.delete(root.resolve("bus/w1/devices/" + DEVICE + "/w1_slave"));
        kernel.file("bus/w1/devices/" + DEVICE + "/temperature", "-1250\n");
        assertEquals(-1.25, readOne(sensor("device", DEVICE)).value());
    }

    @Test
    void aDeviceThatDisappearsGivesBadReadingsUntilItIsBack() throws IOException {
        Sensor sensor = sensor("hal.id", "tank", "device", DEVICE);
        Path folder = root.resolve("bus/w1/devices/" + DEVICE);
        for (String name : List.of("w1_slave", "temperature")) {
            Files.delete(folder.resolve(name));
        }
        Files.delete(folder);
        Reading gone = readOne(sensor);
        assertEquals(Quality.BAD, gone.quality());
        assertTrue(gone.reason().orElseThrow().contains("not on the 1-Wire bus"), gone.reason().orElseThrow());
        bus();
        assertEquals(Quality.GOOD, readOne(sensor).quality());
    }

    @Test
    void aFailingReadIsBadWithTheKernelsWords() {
        Sensor sensor = sensor("hal.id", "tank");
        kernel.failReads(root.resolve("bus/w1/devices/" + DEVICE + "/w1_slave"), "No such device");
        Reading reading = readOne(sensor);
        assertEquals(Quality.BAD, reading.quality());
        assertEquals("read failed: No such device", reading.reason().orElseThrow());
    }

    @Test
    void aMissingOrAmbiguousDeviceRegistersNothing() {
        assertNull(sensor("device", "28-000000000000"));
        kernel.file("bus/w1/devices/28-000000000001/temperature", "20000");
        assertNull(sensor(), "two sensors present, none named");
        assertNull(sensor("device", "10-0008019e8f1b"), "not a DS18B20");
        assertNull(sensor("file", "both"));
        assertEquals(0, registrar.registrations.size());
    }
}
