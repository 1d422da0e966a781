package io.edgemqtt.hal.gpio.internal.iio;

import io.edgemqtt.hal.gpio.api.Quantities;
import java.util.Map;

/**
 * One IIO channel this bundle understands, with how its IIO unit converts to the reading's unit. The IIO ABI gives
 * temperature in milli-degrees Celsius, relative humidity in milli-percent and pressure in kilopascal, both for the
 * processed {@code _input} attribute and for {@code (raw + offset) * scale}.
 */
final class IioChannel {
    /** IIO channel type to {quantity, unit, factor from the IIO unit}. */
    private static final Map<String, Object[]> KNOWN = Map.of(
            "temp", new Object[] {Quantities.TEMPERATURE, Quantities.CELSIUS, 0.001},
            "humidityrelative", new Object[] {Quantities.HUMIDITY, Quantities.PERCENT, 0.001},
            "pressure", new Object[] {Quantities.PRESSURE, Quantities.HECTOPASCAL, 10.0});

    private final String name;
    private final String quantity;
    private final String unit;
    private final double factor;

    private IioChannel(String name, String quantity, String unit, double factor) {
        this.name = name;
        this.quantity = quantity;
        this.unit = unit;
        this.factor = factor;
    }

    /**
     * @param type the IIO channel type, for example {@code temp}
     * @param index the channel index as it appears in the file names ({@code in_temp0_input}), or empty
     * @return the channel, or null if the type is not one this bundle reads
     */
    static IioChannel of(String type, String index) {
        Object[] known = KNOWN.get(type);
        if (known == null) {
            return null;
        }
        return new IioChannel(type + index, (String) known[0], (String) known[1], (Double) known[2]);
    }

    /** @return the IIO name used in the attribute names, for example {@code temp} or {@code temp0} */
    String name() {
        return name;
    }

    /** @return the reading's quantity */
    String quantity() {
        return quantity;
    }

    /** @return the reading's unit */
    String unit() {
        return unit;
    }

    /**
     * @param iioValue a value in the IIO unit
     * @return the value in the reading's unit
     */
    double convert(double iioValue) {
        return iioValue * factor;
    }

    @Override
    public String toString() {
        return name;
    }
}
