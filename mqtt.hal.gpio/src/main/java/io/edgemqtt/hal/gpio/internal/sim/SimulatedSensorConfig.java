package io.edgemqtt.hal.gpio.internal.sim;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(
        id = SimulatedSensorComponent.PID,
        name = "EdgeMQTT simulated sensor",
        description = "A sensor that needs no hardware: value = offset + waveform * amplitude + Gaussian noise.")
@interface SimulatedSensorConfig {
    @AttributeDefinition(name = "Identifier", description = "The sensor's hal.id: letters, digits, '_', '.', '-'.")
    String hal_id();

    @AttributeDefinition(name = "Quantity", description = "What it pretends to measure (used in topics).")
    String quantity() default "temperature";

    @AttributeDefinition(name = "Unit", description = "The unit of the values; may be empty.", required = false)
    String unit() default "°C";

    @AttributeDefinition(name = "Waveform", description = "The shape of the signal.",
            options = {@Option(value = "sine", label = "Sine"), @Option(value = "ramp", label = "Ramp (sawtooth)"),
                @Option(value = "random-walk", label = "Random walk"), @Option(value = "constant", label = "Constant")})
    String waveform() default "sine";

    @AttributeDefinition(name = "Period (s)", description = "Period of sine and ramp; time scale of the random walk.")
    double period_s() default 600;

    @AttributeDefinition(name = "Amplitude", description = "Peak deviation from the offset.")
    double amplitude() default 5;

    @AttributeDefinition(name = "Offset", description = "Centre value.")
    double offset() default 20;

    @AttributeDefinition(name = "Noise", description = "Standard deviation of the Gaussian noise; 0 for none.")
    double noise() default 0.1;

    @AttributeDefinition(name = "Decimals", description = "Digits after the decimal point.", min = "0", max = "9")
    int decimals() default 2;

    @AttributeDefinition(name = "Seed", description = "Random seed for repeatable runs; 0: a different run each time.")
    long seed() default 0;
}
