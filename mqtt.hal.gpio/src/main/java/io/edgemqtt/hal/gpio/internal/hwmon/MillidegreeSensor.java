package io.edgemqtt.hal.gpio.internal.hwmon;

import io.edgemqtt.hal.gpio.api.Quantities;
import io.edgemqtt.hal.gpio.api.Reading;
import io.edgemqtt.hal.gpio.api.Sensor;
import io.edgemqtt.hal.gpio.internal.SysfsIo;
import io.edgemqtt.hal.gpio.internal.SysfsValues;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A temperature from one sysfs attribute in millidegrees Celsius: a hwmon {@code tempN_input} or a thermal zone's
 * {@code temp}. Where the attribute lives is asked anew on each read, because hwmon numbers can change when a driver
 * is reloaded.
 */
final class MillidegreeSensor implements Sensor {
    /** Finds the attribute to read. */
    @FunctionalInterface
    interface Locator {
        /**
         * @return the attribute's path
         * @throws IOException if the device is not there (the message says so in words)
         */
        Path locate() throws IOException;
    }

    private final String id;
    private final Locator locator;
    private final SysfsIo io;
    private final Clock clock;

    MillidegreeSensor(String id, Locator locator, SysfsIo io, Clock clock) {
        this.id = id;
        this.locator = locator;
        this.io = io;
        this.clock = clock;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<String> quantities() {
        return List.of(Quantities.TEMPERATURE);
    }

    @Override
    public List<Reading> read() {
        Instant now = clock.instant();
        try {
            Path file = locator.locate();
            long milli = SysfsValues.integer(file.getFileName().toString(), io.read(file));
            return List.of(Reading.good(id, Quantities.TEMPERATURE, milli / 1000.0, Quantities.CELSIUS, now));
        } catch (IOException e) {
            return List.of(Reading.bad(id, Quantities.TEMPERATURE, Quantities.CELSIUS, now, SysfsValues.describe(e)));
        }
    }

    @Override
    public String toString() {
        return "temperature sensor " + id;
    }
}
