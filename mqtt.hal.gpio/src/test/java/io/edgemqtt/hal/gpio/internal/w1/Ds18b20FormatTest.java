package io.edgemqtt.hal.gpio.internal.w1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.hal.gpio.api.Quality;
import io.edgemqtt.hal.gpio.api.Reading;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ds18b20FormatTest {
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    static String slave(String crc, String verdict, String t) {
        return "72 01 4b 46 7f ff 0e 10 " + crc + " : crc=" + crc + " " + verdict + "\n"
                + "72 01 4b 46 7f ff 0e 10 " + crc + " t=" + t + "\n";
    }

    @ParameterizedTest(name = "t={0} is {1} °C")
    @CsvSource({"23125, 23.125", "0, 0.0", "-10062, -10.062", "125000, 125.0", "-55000, -55.0"})
    void aGoodReadingIsInDegreesCelsius(String t, double celsius) {
        Reading reading = Ds18b20Format.parseW1Slave("tank", slave("57", "YES", t), NOW);
        assertEquals(Quality.GOOD, reading.quality());
        assertEquals(celsius, reading.value(), 1e-9);
        assertEquals("°C", reading.unit());
        assertEquals("temperature", reading.quantity());
        assertEquals("tank", reading.sensorId());
        assertEquals(NOW, reading.timestamp());
        assertFalse(reading.reason().isPresent());
    }

    @Test
    void aFailedCrcIsBad() {
        Reading reading = Ds18b20Format.parseW1Slave("tank", slave("57", "NO", "23125"), NOW);
        assertEquals(Quality.BAD, reading.quality());
        assertFalse(reading.hasValue());
        assertEquals("CRC check failed (crc=57 NO)", reading.reason().orElseThrow());
    }

    @Test
    void thePowerOnValueIsSuspect() {
        Reading reading = Ds18b20Format.parseW1Slave("tank", slave("57", "YES", "85000"), NOW);
        assertEquals(Quality.SUSPECT, reading.quality());
        assertEquals(85.0, reading.value());
        assertTrue(reading.reason().orElseThrow().contains("power-on"));
    }

    @Test
    void anAllZeroScratchpadIsBadDespiteItsValidCrc() {
        String text = "00 00 00 00 00 00 00 00 00 : crc=00 YES\n00 00 00 00 00 00 00 00 00 t=0\n";
        Reading reading = Ds18b20Format.parseW1Slave("tank", text, NOW);
        assertEquals(Quality.BAD, reading.quality());
        assertTrue(reading.reason().orElseThrow().contains("not answering"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "''| empty read from w1_slave",
        "'   \n'| empty read from w1_slave",
        "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES| 1 line(s), expected 2",
        "'72 01 : crc=57 YES\n72 01 57'| no t= value",
        "'72 01 : crc=57 YES\n72 01 57 t='| t= is empty",
        "'72 01 : crc=57 YES\n72 01 57 t=abc'| t= is not an integer: 'abc'",
        "'72 01 57 YES\n72 01 57 t=1000'| no crc=",
        "'72 01 : crc=57 MAYBE\n72 01 57 t=1000'| neither in YES nor NO",
        "'72 01 : crc=57 YES\n72 01 57 t=200000'| outside the DS18B20's range",
    })
    void malformedOrImplausibleContentIsBad(String text, String reason) {
        Reading reading = Ds18b20Format.parseW1Slave("tank", text, NOW);
        assertEquals(Quality.BAD, reading.quality(), text);
        assertTrue(reading.reason().orElseThrow().contains(reason), reading.reason().orElseThrow());
    }

    @Test
    void theTemperatureAttributeHoldsMillidegrees() {
        assertEquals(21.5, Ds18b20Format.parseTemperature("tank", "21500\n", NOW).value());
        assertEquals(Quality.SUSPECT, Ds18b20Format.parseTemperature("tank", "85000", NOW).quality());
        Reading empty = Ds18b20Format.parseTemperature("tank", "", NOW);
        assertEquals(Quality.BAD, empty.quality());
        assertEquals("empty read from temperature", empty.reason().orElseThrow());
    }
}
