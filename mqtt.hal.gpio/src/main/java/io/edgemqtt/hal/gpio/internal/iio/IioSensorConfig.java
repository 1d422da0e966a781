package io.edgemqtt.hal.gpio.internal.iio;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        id = IioSensorComponent.PID,
        name = "EdgeMQTT IIO environmental sensor",
        description = "Temperature, humidity and pressure from a kernel IIO driver (bmp280 for BMP280/BME280, dht11 "
                + "for DHT11/DHT22), /sys/bus/iio/devices/iio:deviceN.")
@interface IioSensorConfig {
    @AttributeDefinition(name = "Identifier", description = "The sensor's hal.id: letters, digits, '_', '.', '-'.")
    String hal_id();

    @AttributeDefinition(name = "Device name",
            description = "The driver's device name (the 'name' attribute), for example bme280, bmp280, dht11. "
                    + "Used when 'Device' is empty.", required = false)
    String device_name() default "";

    @AttributeDefinition(name = "Device", description = "The device folder, for example iio:device0; wins over the name.",
            required = false)
    String device() default "";

    @AttributeDefinition(name = "Channels",
            description = "IIO channels to read (temp, humidityrelative, pressure, or with an index, temp0); empty: "
                    + "every one the device has.", required = false)
    String[] channels() default {};

    @AttributeDefinition(name = "Scale overrides",
            description = "channel=scale entries replacing the driver's scale: value = (raw + offset) * scale, in the "
                    + "IIO unit (milli-degrees Celsius, milli-percent, kilopascal). Example: temp=10.", required = false)
    String[] scale() default {};

    @AttributeDefinition(name = "Retries",
            description = "How often a transient read error (EIO, timeout: a DHT11's garbled answer) is retried.",
            min = "0", max = "10")
    int retries() default 3;

    @AttributeDefinition(name = "Retry delay (ms)", description = "Pause before each retry.", min = "0", max = "5000")
    long retry_delay_ms() default 100;

    @AttributeDefinition(name = "sysfs root", description = "Where sysfs is mounted (a fake tree for tests).")
    String sysfs_root() default "/sys";
}
