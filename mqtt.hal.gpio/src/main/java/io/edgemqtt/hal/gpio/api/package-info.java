/**
 * The hardware layer's API: {@link io.edgemqtt.hal.gpio.api.Sensor sensors} that return {@link
 * io.edgemqtt.hal.gpio.api.Reading readings}, {@link io.edgemqtt.hal.gpio.api.DigitalInput digital inputs} that report
 * {@link io.edgemqtt.hal.gpio.api.EdgeEvent edges}, and {@link io.edgemqtt.hal.gpio.api.DigitalOutput digital
 * outputs}.
 *
 * <p>Every device is an OSGi service identified by the service properties in {@link
 * io.edgemqtt.hal.gpio.api.HalProperties}, so consumers select one with a target filter such as {@code
 * (hal.id=boiler)}. The providers (sysfs GPIO, 1-Wire, IIO, hwmon, thermal zones and simulated devices) live in this
 * bundle's private packages and are configured through Config Admin.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.edgemqtt.hal.gpio.api;
