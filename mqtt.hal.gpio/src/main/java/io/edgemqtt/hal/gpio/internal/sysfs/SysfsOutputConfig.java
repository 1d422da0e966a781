package io.edgemqtt.hal.gpio.internal.sysfs;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        id = SysfsOutputComponent.PID,
        name = "EdgeMQTT GPIO output (sysfs)",
        description = "A digital output on a GPIO line through /sys/class/gpio, switched to output glitch-free.")
@interface SysfsOutputConfig {
    @AttributeDefinition(name = "Identifier", description = "The output's hal.id: letters, digits, '_', '.', '-'.")
    String hal_id();

    @AttributeDefinition(name = "Line", description = "The line's offset on the chip (the BCM number on a Pi). Required.")
    int line() default -1;

    @AttributeDefinition(name = "Chip label",
            description = "Label of the GPIO chip; empty: the Raspberry Pi's (pinctrl-rp1, pinctrl-bcm2711, "
                    + "pinctrl-bcm2835).", required = false)
    String chip_label() default "";

    @AttributeDefinition(name = "Active low", description = "Invert the level: active drives the wire low.")
    boolean active_low() default false;

    @AttributeDefinition(name = "Initial state", description = "The logical level the output starts at.")
    boolean initial() default false;

    @AttributeDefinition(name = "Unexport on stop", description = "Unexport the line on stop if this component exported it.")
    boolean unexport() default false;

    @AttributeDefinition(name = "sysfs root", description = "Where sysfs is mounted (a fake tree for tests).")
    String sysfs_root() default "/sys";
}
