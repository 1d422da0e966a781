package io.edgemqtt.hal.gpio.internal.output;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(
        id = OutputControllerComponent.PID,
        name = "EdgeMQTT output controller",
        description = "Drives digital outputs from MQTT commands and publishes their state, retained. Only the listed "
                + "outputs and the listed words are accepted; on stop the outputs go to the safe state.")
@interface OutputControllerConfig {
    @AttributeDefinition(name = "Outputs", description = "hal.id of each output that commands may drive. Required.")
    String[] outputs();

    @AttributeDefinition(name = "Output filter", description = "LDAP filter over the DigitalOutput services.")
    String output_target() default "(hal.id=*)";

    @AttributeDefinition(name = "Client filter",
            description = "LDAP filter selecting the MqttClient service, also used for the subscription.")
    String client_target() default "(name=default)";

    @AttributeDefinition(name = "Command topic",
            description = "Where commands arrive; {id}, a whole level, names the output. Without {id} the payload "
                    + "must be JSON naming it: {\"id\":\"relay1\",\"value\":1}.")
    String command_topic() default "gpio/{id}/set";

    @AttributeDefinition(name = "State topic", description = "Where each output's level is published, retained.")
    String state_topic() default "gpio/{id}/state";

    @AttributeDefinition(name = "QoS", description = "QoS of the subscription and of the state publishes.",
            options = {@Option(value = "0", label = "0"), @Option(value = "1", label = "1"),
                @Option(value = "2", label = "2")})
    int qos() default 1;

    @AttributeDefinition(name = "On words", description = "Payloads (or JSON values) meaning on; case does not matter.")
    String[] on_values() default {"1", "on", "true", "high"};

    @AttributeDefinition(name = "Off words", description = "Payloads (or JSON values) meaning off.")
    String[] off_values() default {"0", "off", "false", "low"};

    @AttributeDefinition(name = "Safe state", description = "What the outputs are driven to when the controller stops.",
            options = {@Option(value = "off", label = "Off"), @Option(value = "on", label = "On"),
                @Option(value = "keep", label = "Keep the last level")})
    String safe_state() default "off";
}
