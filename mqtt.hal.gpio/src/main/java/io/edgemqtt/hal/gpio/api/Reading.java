package io.edgemqtt.hal.gpio.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One measured value of one quantity of one sensor, with when it was taken and how far it can be trusted. Immutable.
 *
 * <p>A {@link Quality#GOOD} reading has no reason. A {@link Quality#SUSPECT} reading has a value and a reason. A
 * {@link Quality#BAD} reading has a reason and may have no value ({@link #value()} is then {@code NaN} and {@link
 * #hasValue()} false).
 */
public final class Reading {
    private final String sensorId;
    private final String quantity;
    private final double value;
    private final String unit;
    private final Instant timestamp;
    private final Quality quality;
    private final String reason;

    private Reading(String sensorId, String quantity, double value, String unit, Instant timestamp, Quality quality,
            String reason) {
        this.sensorId = Objects.requireNonNull(sensorId, "sensorId");
        this.quantity = Objects.requireNonNull(quantity, "quantity");
        this.value = value;
        this.unit = Objects.requireNonNull(unit, "unit");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.quality = Objects.requireNonNull(quality, "quality");
        this.reason = reason;
        if (quality != Quality.GOOD && (reason == null || reason.isEmpty())) {
            throw new IllegalArgumentException("a " + quality + " reading needs a reason");
        }
        if (quality != Quality.BAD && !Double.isFinite(value)) {
            throw new IllegalArgumentException("a " + quality + " reading needs a finite value, was " + value);
        }
    }

    /**
     * @param sensorId the sensor's identifier
     * @param quantity what was measured, see {@link Quantities}
     * @param value the value, finite
     * @param unit the unit, empty for none
     * @param timestamp when it was measured
     * @return a {@link Quality#GOOD} reading
     * @throws IllegalArgumentException if the value is not finite
     */
    public static Reading good(String sensorId, String quantity, double value, String unit, Instant timestamp) {
        return new Reading(sensorId, quantity, value, unit, timestamp, Quality.GOOD, null);
    }

    /**
     * @param sensorId the sensor's identifier
     * @param quantity what was measured
     * @param value the value, finite
     * @param unit the unit, empty for none
     * @param timestamp when it was measured
     * @param reason why the value is doubtful
     * @return a {@link Quality#SUSPECT} reading
     * @throws IllegalArgumentException if the value is not finite or the reason empty
     */
    public static Reading suspect(String sensorId, String quantity, double value, String unit, Instant timestamp,
            String reason) {
        return new Reading(sensorId, quantity, value, unit, timestamp, Quality.SUSPECT, reason);
    }

    /**
     * @param sensorId the sensor's identifier
     * @param quantity what should have been measured
     * @param unit the unit the value would have had
     * @param timestamp when the measurement was attempted
     * @param reason what went wrong
     * @return a {@link Quality#BAD} reading without a value
     * @throws IllegalArgumentException if the reason is empty
     */
    public static Reading bad(String sensorId, String quantity, String unit, Instant timestamp, String reason) {
        return new Reading(sensorId, quantity, Double.NaN, unit, timestamp, Quality.BAD, reason);
    }

    /** @return the identifier of the sensor that took the reading (its {@value HalProperties#ID} property) */
    public String sensorId() {
        return sensorId;
    }

    /** @return what was measured, for example {@value Quantities#TEMPERATURE} */
    public String quantity() {
        return quantity;
    }

    /** @return the value in {@link #unit()}; {@code NaN} for a {@link Quality#BAD} reading without a value */
    public double value() {
        return value;
    }

    /** @return true if {@link #value()} is a number */
    public boolean hasValue() {
        return !Double.isNaN(value);
    }

    /** @return the unit of {@link #value()}, empty for a dimensionless value */
    public String unit() {
        return unit;
    }

    /** @return when the value was measured */
    public Instant timestamp() {
        return timestamp;
    }

    /** @return how far the value can be trusted */
    public Quality quality() {
        return quality;
    }

    /** @return why the reading is not {@link Quality#GOOD}; empty for a good reading */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Reading)) {
            return false;
        }
        Reading that = (Reading) other;
        return Double.compare(value, that.value) == 0
                && sensorId.equals(that.sensorId)
                && quantity.equals(that.quantity)
                && unit.equals(that.unit)
                && timestamp.equals(that.timestamp)
                && quality == that.quality
                && Objects.equals(reason, that.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sensorId, quantity, value, unit, timestamp, quality, reason);
    }

    @Override
    public String toString() {
        return "Reading[" + sensorId + " " + quantity + "=" + (hasValue() ? value + unit : "none") + " " + quality
                + (reason == null ? "" : " (" + reason + ")") + " at " + timestamp + "]";
    }
}
