package io.edgemqtt.hal.gpio.internal.hwmon;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        id = HwmonSensorComponent.PID,
        name = "EdgeMQTT hwmon temperature",
        description = "A temperature of a hardware monitoring device, /sys/class/hwmon/hwmonN/tempM_input, found by "
                + "the device's name (hwmon numbers change between boots).")
@interface HwmonSensorConfig {
    @AttributeDefinition(name = "Identifier", description = "The sensor's hal.id: letters, digits, '_', '.', '-'.")
    String hal_id();

    @AttributeDefinition(name = "Device name", description = "The hwmon 'name' attribute, for example cpu_thermal.")
    String device_name();

    @AttributeDefinition(name = "Channel", description = "The temperature channel, temp1, temp2, ...")
    String channel() default "temp1";

    @AttributeDefinition(name = "sysfs root", description = "Where sysfs is mounted (a fake tree for tests).")
    String sysfs_root() default "/sys";
}
