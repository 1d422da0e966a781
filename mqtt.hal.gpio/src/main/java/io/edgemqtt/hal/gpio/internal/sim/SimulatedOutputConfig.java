package io.edgemqtt.hal.gpio.internal.sim;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        id = SimulatedOutputComponent.PID,
        name = "EdgeMQTT simulated digital output",
        description = "A digital output that remembers its level and logs changes.")
@interface SimulatedOutputConfig {
    @AttributeDefinition(name = "Identifier", description = "The output's hal.id: letters, digits, '_', '.', '-'.")
    String hal_id();

    @AttributeDefinition(name = "Initial state", description = "The level it starts at.")
    boolean initial() default false;
}
