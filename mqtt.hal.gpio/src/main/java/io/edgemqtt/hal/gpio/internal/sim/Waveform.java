package io.edgemqtt.hal.gpio.internal.sim;

import java.util.Random;

/**
 * A simulated signal: {@code offset + shape(t) * amplitude + noise}, where the shape is a sine, a sawtooth ramp from
 * -1 to 1, a random walk kept within -1..1, or constant 0. Stateful only for the random walk; not thread-safe.
 */
final class Waveform {
    /** The shapes, as named in the configuration. */
    enum Shape {
        SINE, RAMP, RANDOM_WALK, CONSTANT
    }

    private final Shape shape;
    private final double periodMillis;
    private final double amplitude;
    private final double offset;
    private final double noise;
    private final Random random;
    private double walk;

    /**
     * @param shape the shape
     * @param periodMillis the period of sine and ramp, and the time the random walk takes to cross its range on
     *     average
     * @param amplitude the peak deviation from the offset
     * @param offset the centre value
     * @param noise the standard deviation of the Gaussian noise added to every sample
     * @param random the randomness
     */
    Waveform(Shape shape, double periodMillis, double amplitude, double offset, double noise, Random random) {
        this.shape = shape;
        this.periodMillis = periodMillis;
        this.amplitude = amplitude;
        this.offset = offset;
        this.noise = noise;
        this.random = random;
    }

    /**
     * @param elapsedMillis time since the start
     * @param sinceLastMillis time since the previous sample (the random walk's step size grows with it)
     * @return the value
     */
    double sample(long elapsedMillis, long sinceLastMillis) {
        double phase = (elapsedMillis % (long) periodMillis) / periodMillis;
        double unit;
        switch (shape) {
            case SINE:
                unit = Math.sin(2 * Math.PI * phase);
                break;
            case RAMP:
                unit = 2 * phase - 1;
                break;
            case RANDOM_WALK:
                walk += random.nextGaussian() * Math.sqrt(Math.max(0, sinceLastMillis) / periodMillis);
                // reflect at the edges so that the walk stays within the amplitude
                if (walk > 1) {
                    walk = 2 - walk;
                } else if (walk < -1) {
                    walk = -2 - walk;
                }
                walk = Math.max(-1, Math.min(1, walk));
                unit = walk;
                break;
            default:
                unit = 0;
        }
        double value = offset + unit * amplitude;
        return noise > 0 ? value + random.nextGaussian() * noise : value;
    }
}
