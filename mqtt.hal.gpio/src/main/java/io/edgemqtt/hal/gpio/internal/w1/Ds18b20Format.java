package io.edgemqtt.hal.gpio.internal.w1;

import io.edgemqtt.hal.gpio.api.Quantities;
import io.edgemqtt.hal.gpio.api.Reading;
import io.edgemqtt.hal.gpio.internal.SysfsValues;
import java.io.IOException;
import java.time.Instant;

/**
 * The two formats of the kernel's w1_therm driver for a DS18B20.
 *
 * <pre>
 * w1_slave:    72 01 4b 46 7f ff 0e 10 57 : crc=57 YES
 *              72 01 4b 46 7f ff 0e 10 57 t=23125
 * temperature: 23125
 * </pre>
 *
 * Values are millidegrees Celsius. A failed CRC (a noisy bus) is {@code BAD}; 85000 is the sensor's power-on value,
 * which it also returns when a conversion did not run (power trouble), so it is {@code SUSPECT}; an all-zero
 * scratchpad (which has a valid CRC of 0) is what a sensor that stopped answering yields, so it is {@code BAD}.
 */
final class Ds18b20Format {
    static final long POWER_ON_MILLIDEGREES = 85_000;
    private static final double MIN_CELSIUS = -55;
    private static final double MAX_CELSIUS = 125;

    private Ds18b20Format() {}

    /**
     * @param sensorId the sensor's identifier
     * @param text the content of {@code w1_slave}
     * @param timestamp when it was read
     * @return the reading
     */
    static Reading parseW1Slave(String sensorId, String text, Instant timestamp) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return bad(sensorId, timestamp, "empty read from w1_slave");
        }
        String[] lines = trimmed.split("\\R");
        if (lines.length < 2) {
            return bad(sensorId, timestamp, "w1_slave has " + lines.length + " line(s), expected 2: '"
                    + SysfsValues.abbreviate(trimmed) + "'");
        }
        String crcLine = lines[0].strip();
        int crcAt = crcLine.indexOf("crc=");
        if (crcAt < 0) {
            return bad(sensorId, timestamp, "w1_slave has no crc= on its first line");
        }
        String crc = crcLine.substring(crcAt);
        if (crcLine.endsWith("NO")) {
            return bad(sensorId, timestamp, "CRC check failed (" + crc + ")");
        }
        if (!crcLine.endsWith("YES")) {
            return bad(sensorId, timestamp, "w1_slave's CRC line ends neither in YES nor NO: '" + crc + "'");
        }
        String dataLine = lines[1].strip();
        int valueAt = dataLine.lastIndexOf("t=");
        if (valueAt < 0) {
            return bad(sensorId, timestamp, "w1_slave has no t= value");
        }
        if (crcLine.substring(0, crcAt).replace(" ", "").replace(":", "").matches("0+")) {
            return bad(sensorId, timestamp, "all-zero scratchpad: the sensor is not answering");
        }
        return fromMillidegrees(sensorId, dataLine.substring(valueAt + 2).strip(), "t=", timestamp);
    }

    /**
     * @param sensorId the sensor's identifier
     * @param text the content of {@code temperature}
     * @param timestamp when it was read
     * @return the reading
     */
    static Reading parseTemperature(String sensorId, String text, Instant timestamp) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return bad(sensorId, timestamp, "empty read from temperature");
        }
        return fromMillidegrees(sensorId, trimmed, "temperature", timestamp);
    }

    private static Reading fromMillidegrees(String sensorId, String text, String what, Instant timestamp) {
        long milli;
        try {
            milli = SysfsValues.integer(what, text);
        } catch (IOException e) {
            return bad(sensorId, timestamp, e.getMessage());
        }
        double celsius = milli / 1000.0;
        if (milli == POWER_ON_MILLIDEGREES) {
            return Reading.suspect(sensorId, Quantities.TEMPERATURE, celsius, Quantities.CELSIUS, timestamp,
                    "85 °C is the DS18B20's power-on value: the conversion probably did not run");
        }
        if (celsius < MIN_CELSIUS || celsius > MAX_CELSIUS) {
            return bad(sensorId, timestamp, celsius + " °C is outside the DS18B20's range of -55..125 °C");
        }
        return Reading.good(sensorId, Quantities.TEMPERATURE, celsius, Quantities.CELSIUS, timestamp);
    }

    static Reading bad(String sensorId, Instant timestamp, String reason) {
        return Reading.bad(sensorId, Quantities.TEMPERATURE, Quantities.CELSIUS, timestamp, reason);
    }
}
