package io.edgemqtt.hal.gpio.internal.sysfs;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(
        id = SysfsInputComponent.PID,
        name = "EdgeMQTT GPIO input (sysfs)",
        description = "A digital input on a GPIO line through /sys/class/gpio, with debounced edges.")
@interface SysfsInputConfig {
    @AttributeDefinition(name = "Identifier", description = "The input's hal.id: letters, digits, '_', '.', '-'.")
    String hal_id();

    @AttributeDefinition(name = "Line", description = "The line's offset on the chip (the BCM number on a Pi). Required.")
    int line() default -1;

    @AttributeDefinition(name = "Chip label",
            description = "Label of the GPIO chip; empty: the Raspberry Pi's (pinctrl-rp1, pinctrl-bcm2711, "
                    + "pinctrl-bcm2835). The chip's base is looked up, never assumed.", required = false)
    String chip_label() default "";

    @AttributeDefinition(name = "Active low", description = "Invert the level: the input is active when the wire is low.")
    boolean active_low() default false;

    @AttributeDefinition(name = "Edges", description = "Which level changes to report.",
            options = {@Option(value = "both", label = "Both"), @Option(value = "rising", label = "Rising"),
                @Option(value = "falling", label = "Falling"), @Option(value = "none", label = "None")})
    String edge() default "both";

    @AttributeDefinition(name = "Debounce (ms)",
            description = "How long a new level must hold before it counts; 0 reports every change.", min = "0",
            max = "60000")
    long debounce_ms() default 20;

    @AttributeDefinition(name = "Backstop poll (ms)",
            description = "Period of the slow poll that catches changes the file watch missed; 0 for none.",
            min = "0")
    long poll_ms() default 1000;

    @AttributeDefinition(name = "Unexport on stop", description = "Unexport the line on stop if this component exported it.")
    boolean unexport() default true;

    @AttributeDefinition(name = "sysfs root", description = "Where sysfs is mounted (a fake tree for tests).")
    String sysfs_root() default "/sys";
}
