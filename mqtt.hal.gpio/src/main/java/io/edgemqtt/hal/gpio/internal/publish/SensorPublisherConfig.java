package io.edgemqtt.hal.gpio.internal.publish;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(
        id = SensorPublisherComponent.PID,
        name = "EdgeMQTT sensor publisher",
        description = "Samples sensors and digital inputs and publishes their readings as JSON through an MQTT client "
                + "service. Digital inputs also publish at once on each edge.")
@interface SensorPublisherConfig {
    @AttributeDefinition(name = "Source",
            description = "hal.id of the sensor or digital input to publish; empty: every one the two targets match.",
            required = false)
    String source_id() default "";

    @AttributeDefinition(name = "Sensor filter", description = "LDAP filter over the Sensor services to consider.")
    String sensor_target() default "(hal.id=*)";

    @AttributeDefinition(name = "Input filter",
            description = "LDAP filter over the DigitalInput services to consider; (!(hal.id=*)) for none.")
    String input_target() default "(hal.id=*)";

    @AttributeDefinition(name = "Quantities",
            description = "Quantities to publish (temperature, humidity, pressure, state, ...); empty: all.",
            required = false)
    String[] quantities() default {};

    @AttributeDefinition(name = "Client filter", description = "LDAP filter selecting the MqttClient service.")
    String client_target() default "(name=default)";

    @AttributeDefinition(name = "Sampling interval (ms)", description = "How often the sources are read.",
            min = "100", max = "86400000")
    long interval_ms() default 10_000;

    @AttributeDefinition(name = "Deadband",
            description = "Publish a value only when it moved more than this from the last one published (in the "
                    + "reading's unit); 0: on any change. Quality changes are always published.", min = "0")
    double deadband() default 0;

    @AttributeDefinition(name = "Heartbeat (s)",
            description = "Publish at least this often even without a change; 0: never.", min = "0")
    long heartbeat_s() default 300;

    @AttributeDefinition(name = "Topic",
            description = "Topic template; {id} and {quantity} are replaced. Ignored by the IBM preset.")
    String topic() default "sensors/{id}/{quantity}";

    @AttributeDefinition(name = "QoS", description = "Quality of service of the publishes.",
            options = {@Option(value = "0", label = "0: at most once"), @Option(value = "1", label = "1: at least once"),
                @Option(value = "2", label = "2: exactly once")})
    int qos() default 1;

    @AttributeDefinition(name = "Retain", description = "Ask the broker to retain the last reading of each topic.")
    boolean retain() default false;

    @AttributeDefinition(name = "Preset", description = "Topic and payload layout.",
            options = {@Option(value = "none", label = "Topic template, flat JSON"),
                @Option(value = "ibm", label = "IBM Watson IoT device events: iot-2/evt/<event>/fmt/json, {\"d\":...}")})
    String preset() default "none";

    @AttributeDefinition(name = "IBM event id", description = "Event id template for the IBM preset ({id}, {quantity}).")
    String ibm_event() default "{quantity}";
}
