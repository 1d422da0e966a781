package io.edgemqtt.hal.gpio.internal.hwmon;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        id = ThermalZoneComponent.PID,
        name = "EdgeMQTT thermal zone temperature",
        description = "The temperature of a thermal zone, /sys/class/thermal/thermal_zoneN/temp (zone 0 is the CPU "
                + "on a Raspberry Pi).")
@interface ThermalZoneConfig {
    @AttributeDefinition(name = "Identifier", description = "The sensor's hal.id: letters, digits, '_', '.', '-'.")
    String hal_id() default "cpu";

    @AttributeDefinition(name = "Zone", description = "The thermal zone's number.", min = "0", max = "255")
    int zone() default 0;

    @AttributeDefinition(name = "sysfs root", description = "Where sysfs is mounted (a fake tree for tests).")
    String sysfs_root() default "/sys";
}
