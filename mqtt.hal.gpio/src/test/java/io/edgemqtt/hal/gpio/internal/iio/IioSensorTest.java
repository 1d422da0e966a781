package io.edgemqtt.hal.gpio.internal.iio;

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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IioSensorTest {
    @TempDir
    Path root;

    FakeKernel kernel;
    final RecordingRegistrar registrar = new RecordingRegistrar();
    final TestClock clock = new TestClock(Instant.parse("2024-05-01T12:00:00Z"));

    @BeforeEach
    void devices() {
        kernel = new FakeKernel(root);
        // a BME280 through the bmp280 driver: processed values, pressure as a kPa decimal
        kernel.file("bus/iio/devices/iio:device0/name", "bme280\n");
        kernel.file("bus/iio/devices/iio:device0/in_temp_input", "23450\n");
        kernel.file("bus/iio/devices/iio:device0/in_humidityrelative_input", "45123\n");
        kernel.file("bus/iio/devices/iio:device0/in_pressure_input", "100.456789\n");
        kernel.file("bus/iio/devices/iio:device0/in_temp_oversampling_ratio", "2\n");
        // a DHT22 through the dht11 driver
        kernel.file("bus/iio/devices/iio:device1/name", "dht11\n");
        kernel.file("bus/iio/devices/iio:device1/in_temp_input", "21300\n");
        kernel.file("bus/iio/devices/iio:device1/in_humidityrelative_input", "56200\n");
    }

    Sensor sensor(Object... extra) {
        Object[] values = new Object[extra.length + 4];
        values[0] = "sysfs.root";
        values[1] = root.toString();
        values[2] = "retry.delay.ms";
        values[3] = 0L;
        System.arraycopy(extra, 0, values, 4, extra.length);
        return new IioSensorComponent(Configs.of(IioSensorConfig.class, values), "pid", registrar, kernel, clock)
                .sensor();
    }

    static Reading of(List<Reading> readings, String quantity) {
        return readings.stream().filter(r -> r.quantity().equals(quantity)).findFirst().orElseThrow();
    }

    @Test
    void aBme280IsFoundByNameAndReadInUnitsPeopleUse() {
        Sensor sensor = sensor("hal.id", "env", "device.name", "bme280");
        assertEquals(List.of("humidity", "pressure", "temperature"), sensor.quantities());
        List<Reading> readings = sensor.read();
        assertEquals(23.45, of(readings, "temperature").value(), 1e-9);
        assertEquals("°C", of(readings, "temperature").unit());
        assertEquals(45.123, of(readings, "humidity").value(), 1e-9);
        assertEquals("%", of(readings, "humidity").unit());
        assertEquals(1004.56789, of(readings, "pressure").value(), 1e-9);
        assertEquals("hPa", of(readings, "pressure").unit());
        readings.forEach(r -> assertEquals(Quality.GOOD, r.quality()));
        RecordingRegistrar.Recorded registration = registrar.only();
        assertEquals("iio", registration.properties.get(HalProperties.TYPE));
        assertEquals("iio:device0", registration.properties.get("iio.device"));
    }

    @Test
    void rawValuesAreOffsetAndScaled() {
        kernel.file("bus/iio/devices/iio:device2/name", "sensor\n");
        kernel.file("bus/iio/devices/iio:device2/in_temp_raw", "2500\n");
        kernel.file("bus/iio/devices/iio:device2/in_temp_offset", "-100\n");
        kernel.file("bus/iio/devices/iio:device2/in_temp_scale", "10.000000\n");
        kernel.file("bus/iio/devices/iio:device2/in_pressure_raw", "25000\n");
        kernel.file("bus/iio/devices/iio:device2/in_pressure_scale", "0.004\n");
        List<Reading> readings = sensor("hal.id", "raw", "device", "iio:device2").read();
        assertEquals(24.0, of(readings, "temperature").value(), 1e-9, "(2500 - 100) * 10 m°C");
        assertEquals(1000.0, of(readings, "pressure").value(), 1e-9, "25000 * 0.004 kPa");
    }

    @Test
    void aConfiguredScaleReplacesTheDriversAndForcesTheRawPath() {
        kernel.file("bus/iio/devices/iio:device0/in_temp_raw", "2345\n");
        kernel.file("bus/iio/devices/iio:device0/in_temp_scale", "1\n");
        Reading temperature = of(sensor("hal.id", "env", "device.name", "bme280", "scale", "temp=10").read(),
                "temperature");
        assertEquals(23.45, temperature.value(), 1e-9);
    }

    @Test
    void aTransientEioIsRetried() {
        Sensor sensor = sensor("hal.id", "dht", "device.name", "dht11", "retries", 3);
        Path temp = root.resolve("bus/iio/devices/iio:device1/in_temp_input");
        kernel.failReads(temp, "Input/output error", "Connection timed out");
        Reading temperature = of(sensor.read(), "temperature");
        assertEquals(Quality.GOOD, temperature.quality());
        assertEquals(21.3, temperature.value(), 1e-9);
        assertEquals(3, kernel.reads.stream().filter(temp::equals).count());
    }

    @Test
    void aPersistentEioIsBadAfterTheRetries() {
        Sensor sensor = sensor("hal.id", "dht", "device.name", "dht11", "retries", 2);
        Path temp = root.resolve("bus/iio/devices/iio:device1/in_temp_input");
        kernel.failReads(temp, "Input/output error", "Input/output error", "Input/output error", "Input/output error");
        List<Reading> readings = sensor.read();
        Reading temperature = of(readings, "temperature");
        assertEquals(Quality.BAD, temperature.quality());
        assertEquals("temp: Input/output error (after 3 attempts)", temperature.reason().orElseThrow());
        assertEquals(Quality.GOOD, of(readings, "humidity").quality(), "the other channel is unaffected");
    }

    @Test
    void onlyTransientErrorsAreRetried() {
        assertTrue(IioSensor.isTransient(new IOException("Input/output error")));
        assertTrue(IioSensor.isTransient(new IOException("Connection timed out")));
        assertTrue(IioSensor.isTransient(new IOException("Resource temporarily unavailable")));
        assertTrue(!IioSensor.isTransient(new IOException("Permission denied")));
        assertTrue(!IioSensor.isTransient(new NoSuchFileException("in_temp_input")));
        Sensor sensor = sensor("hal.id", "dht", "device.name", "dht11", "retries", 5);
        Path temp = root.resolve("bus/iio/devices/iio:device1/in_temp_input");
        kernel.failReads(temp, "Permission denied");
        assertEquals(Quality.BAD, of(sensor.read(), "temperature").quality());
        assertEquals(1, kernel.reads.stream().filter(temp::equals).count());
    }

    @Test
    void anEmptyOrGarbledValueIsBad() {
        Sensor sensor = sensor("hal.id", "dht", "device.name", "dht11");
        kernel.file("bus/iio/devices/iio:device1/in_temp_input", "\n");
        kernel.file("bus/iio/devices/iio:device1/in_humidityrelative_input", "12a\n");
        List<Reading> readings = sensor.read();
        assertEquals("temp: in_temp_input is empty", of(readings, "temperature").reason().orElseThrow());
        assertEquals("humidityrelative: in_humidityrelative_input is not a number: '12a'",
                of(readings, "humidity").reason().orElseThrow());
    }

    @Test
    void impossibleHumidityIsSuspect() {
        kernel.file("bus/iio/devices/iio:device1/in_humidityrelative_input", "102000\n");
        Reading humidity = of(sensor("hal.id", "dht", "device.name", "dht11").read(), "humidity");
        assertEquals(Quality.SUSPECT, humidity.quality());
    }

    @Test
    void aDeviceThatDisappearsGivesBadReadings() throws IOException {
        Sensor sensor = sensor("hal.id", "dht", "device", "iio:device1");
        try (Stream<Path> files = Files.walk(root.resolve("bus/iio/devices/iio:device1"))) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        for (Reading reading : sensor.read()) {
            assertEquals(Quality.BAD, reading.quality());
            assertEquals("IIO device iio:device1 is gone", reading.reason().orElseThrow());
        }
    }

    @Test
    void channelsCanBeSelected() {
        assertEquals(List.of("temperature"),
                sensor("hal.id", "env", "device.name", "bme280", "channels", new String[] {"temp"}).quantities());
        assertEquals(List.of("temperature", "pressure"),
                sensor("hal.id", "env2", "device.name", "bme280", "channels", "temp, pressure").quantities());
    }

    @Test
    void invalidConfigurationsAndMissingDevicesRegisterNothing() {
        assertNull(sensor("hal.id", "env"), "neither device nor name");
        assertNull(sensor("hal.id", "env", "device", "device0"));
        assertNull(sensor("hal.id", "env", "device.name", "bme280", "retries", 11));
        assertNull(sensor("hal.id", "env", "device.name", "bme280", "scale", "temp"));
        assertNull(sensor("hal.id", "env", "device.name", "bme280", "scale", "temp=0"));
        assertNull(sensor("hal.id", "env", "device.name", "bme280", "scale", "co2=1"));
        assertNull(sensor("hal.id", "env", "device.name", "bme280", "channels", new String[] {"co2"}));
        assertNull(sensor("hal.id", "env", "device.name", "sht31"));
        assertNull(sensor("hal.id", "env", "device", "iio:device9"));
        assertEquals(0, registrar.registrations.size());
    }
}
