package io.edgemqtt.hal.gpio.internal.sim;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        id = SimulatedInputComponent.PID,
        name = "EdgeMQTT simulated digital input",
        description = "A digital input that plays scripted levels, with edges like a real one.")
@interface SimulatedInputConfig {
    @AttributeDefinition(name = "Identifier", description = "The input's hal.id: letters, digits, '_', '.', '-'.")
    String hal_id();

    @AttributeDefinition(name = "Script",
            description = "level:millis steps separated by commas; the first level holds from the start. Example: "
                    + "0:3000,1:500 (low 3 s, high 0.5 s).")
    String script() default "0:10000,1:2000";

    @AttributeDefinition(name = "Repeat", description = "Play the script in a loop; else stop after the last step.")
    boolean repeat() default true;
}
