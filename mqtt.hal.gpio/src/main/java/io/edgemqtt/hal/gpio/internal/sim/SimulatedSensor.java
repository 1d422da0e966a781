package io.edgemqtt.hal.gpio.internal.sim;

import io.edgemqtt.hal.gpio.api.Reading;
import io.edgemqtt.hal.gpio.api.Sensor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** A sensor whose single quantity follows a {@link Waveform} over the time since it was created. */
final class SimulatedSensor implements Sensor {
    private final String id;
    private final String quantity;
    private final String unit;
    private final Waveform waveform;
    private final int decimals;
    private final Clock clock;
    private final Instant start;
    private Instant last;

    SimulatedSensor(String id, String quantity, String unit, Waveform waveform, int decimals, Clock clock) {
        this.id = id;
        this.quantity = quantity;
        this.unit = unit;
        this.waveform = waveform;
        this.decimals = decimals;
        this.clock = clock;
        this.start = clock.instant();
        this.last = start;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<String> quantities() {
        return List.of(quantity);
    }

    @Override
    public synchronized List<Reading> read() {
        Instant now = clock.instant();
        double value = waveform.sample(now.toEpochMilli() - start.toEpochMilli(),
                now.toEpochMilli() - last.toEpochMilli());
        last = now;
        double rounded = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
        return List.of(Reading.good(id, quantity, rounded, unit, now));
    }

    @Override
    public String toString() {
        return "simulated sensor " + id;
    }
}
