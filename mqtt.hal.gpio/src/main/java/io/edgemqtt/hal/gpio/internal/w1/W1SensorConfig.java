package io.edgemqtt.hal.gpio.internal.w1;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(
        id = W1SensorComponent.PID,
        name = "EdgeMQTT 1-Wire temperature sensor (DS18B20)",
        description = "A DS18B20 on the kernel's 1-Wire bus (w1-gpio, w1_therm), /sys/bus/w1/devices/28-*.")
@interface W1SensorConfig {
    @AttributeDefinition(name = "Identifier", description = "The sensor's hal.id; empty: the device name.",
            required = false)
    String hal_id() default "";

    @AttributeDefinition(name = "Device",
            description = "The device folder, for example 28-0316a2791aff; empty: the only DS18B20 present.",
            required = false)
    String device() default "";

    @AttributeDefinition(name = "File", description = "Which attribute to read.",
            options = {@Option(value = "auto", label = "w1_slave if present (with CRC), else temperature"),
                @Option(value = "w1_slave", label = "w1_slave"), @Option(value = "temperature", label = "temperature")})
    String file() default "auto";

    @AttributeDefinition(name = "sysfs root", description = "Where sysfs is mounted (a fake tree for tests).")
    String sysfs_root() default "/sys";
}
