package io.edgemqtt.hal.gpio.internal.hwmon;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemperatureSensorsTest {
    @TempDir
    Path root;

    final RecordingRegistrar registrar = new RecordingRegistrar();
    final TestClock clock = new TestClock(Instant.parse("2024-05-01T12:00:00Z"));

    Reading readOne(Sensor sensor) {
        return sensor.read().get(0);
    }

    @Test
    void theCpuThermalZoneIsInMillidegrees() {
        FakeKernel kernel = new FakeKernel(root);
        kernel.file("class/thermal/thermal_zone0/temp", "48312\n");
        kernel.file("class/thermal/thermal_zone0/type", "cpu-thermal\n");
        Sensor sensor = new ThermalZoneComponent(Configs.of(ThermalZoneConfig.class, "sysfs.root", root.toString()),
                "pid", registrar, kernel, clock).sensor();
        assertEquals("cpu", sensor.id());
        Reading reading = readOne(sensor);
        assertEquals(48.312, reading.value(), 1e-9);
        assertEquals(Quality.GOOD, reading.quality());
        assertEquals("thermal", registrar.only().properties.get(HalProperties.TYPE));
        assertEquals("cpu-thermal", registrar.only().properties.get("thermal.type"));

        kernel.file("class/thermal/thermal_zone0/temp", "");
        assertEquals("temp is empty", readOne(sensor).reason().orElseThrow());
    }

    @Test
    void aMachineWithoutTheZoneRegistersNothing() {
        FakeKernel kernel = new FakeKernel(root);
        assertNull(new ThermalZoneComponent(Configs.of(ThermalZoneConfig.class, "sysfs.root", root.toString()),
                "pid", registrar, kernel, clock).sensor());
        assertNull(new ThermalZoneComponent(Configs.of(ThermalZoneConfig.class, "zone", -1), "pid", registrar,
                kernel, clock).sensor());
        assertEquals(0, registrar.registrations.size());
    }

    @Test
    void aHwmonDeviceIsFoundByNameAndFollowedWhenItsNumberChanges() throws IOException {
        FakeKernel kernel = new FakeKernel(root);
        kernel.file("class/hwmon/hwmon0/name", "rpi_volt\n");
        kernel.file("class/hwmon/hwmon1/name", "cpu_thermal\n");
        kernel.file("class/hwmon/hwmon1/temp1_input", "51540\n");
        Sensor sensor = new HwmonSensorComponent(Configs.of(HwmonSensorConfig.class, "hal.id", "soc",
                "device.name", "cpu_thermal", "sysfs.root", root.toString()), "pid", registrar, kernel, clock).sensor();
        assertEquals(51.54, readOne(sensor).value(), 1e-9);

        // the driver is reloaded and comes back as hwmon2
        Files.delete(root.resolve("class/hwmon/hwmon1/temp1_input"));
        Files.delete(root.resolve("class/hwmon/hwmon1/name"));
        Files.delete(root.resolve("class/hwmon/hwmon1"));
        Reading gone = readOne(sensor);
        assertEquals(Quality.BAD, gone.quality());
        assertTrue(gone.reason().orElseThrow().contains("no hwmon device named 'cpu_thermal'"));
        kernel.file("class/hwmon/hwmon2/name", "cpu_thermal\n");
        kernel.file("class/hwmon/hwmon2/temp1_input", "50000\n");
        assertEquals(50.0, readOne(sensor).value());
    }

    @Test
    void invalidHwmonConfigurationsRegisterNothing() {
        FakeKernel kernel = new FakeKernel(root);
        kernel.file("class/hwmon/hwmon0/name", "cpu_thermal\n");
        kernel.file("class/hwmon/hwmon0/temp1_input", "51540\n");
        Object[][] cases = {
            {"hal.id", "soc"}, // no device name
            {"hal.id", "soc", "device.name", "cpu_thermal", "channel", "in0"},
            {"hal.id", "soc", "device.name", "cpu_thermal", "channel", "temp2"},
            {"hal.id", "soc", "device.name", "gpu"},
        };
        for (Object[] values : cases) {
            Object[] all = new Object[values.length + 2];
            System.arraycopy(values, 0, all, 0, values.length);
            all[values.length] = "sysfs.root";
            all[values.length + 1] = root.toString();
            assertNull(new HwmonSensorComponent(Configs.of(HwmonSensorConfig.class, all), "pid", registrar, kernel,
                    clock).sensor());
        }
        assertEquals(0, registrar.registrations.size());
    }
}
