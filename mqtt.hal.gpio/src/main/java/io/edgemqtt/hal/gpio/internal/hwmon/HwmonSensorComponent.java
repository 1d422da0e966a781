package io.edgemqtt.hal.gpio.internal.hwmon;

import io.edgemqtt.hal.gpio.api.Sensor;
import io.edgemqtt.hal.gpio.internal.Check;
import io.edgemqtt.hal.gpio.internal.Components;
import io.edgemqtt.hal.gpio.internal.ConfigException;
import io.edgemqtt.hal.gpio.internal.SensorService;
import io.edgemqtt.hal.gpio.internal.ServiceRegistrar;
import io.edgemqtt.hal.gpio.internal.SysfsIo;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/** Factory PID {@value #PID}: one temperature {@link Sensor} per hwmon channel. */
@Component(configurationPid = HwmonSensorComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = HwmonSensorConfig.class, factory = true)
public final class HwmonSensorComponent {
    static final String PID = "mqtt.gpio.hwmon";
    private static final Logger LOG = System.getLogger(HwmonSensorComponent.class.getName());

    private final SensorService service = new SensorService();

    /**
     * @param config the configuration
     * @param properties the component properties
     * @param context the bundle context, to register the service
     */
    @Activate
    public HwmonSensorComponent(HwmonSensorConfig config, Map<String, Object> properties, BundleContext context) {
        this(config, Components.pid(properties, PID), ServiceRegistrar.of(context), SysfsIo.NIO, Clock.systemUTC());
    }

    HwmonSensorComponent(HwmonSensorConfig config, String pid, ServiceRegistrar registrar, SysfsIo io, Clock clock) {
        String id;
        String name;
        String channel;
        Path classHwmon;
        try {
            id = Check.id("hal.id", config.hal_id());
            name = config.device_name() == null ? "" : config.device_name().trim();
            if (name.isEmpty()) {
                throw new ConfigException("device.name", "is required");
            }
            channel = config.channel() == null ? "" : config.channel().trim();
            if (!channel.matches("temp\\d{1,3}")) {
                throw new ConfigException("channel", "must be tempN (temp1, temp2, ...), was '" + channel + "'");
            }
            classHwmon = Check.path("sysfs.root", config.sysfs_root()).resolve("class/hwmon");
        } catch (ConfigException e) {
            Components.logInvalid(LOG, pid, e);
            return;
        }
        Path input;
        try {
            input = Hwmon.find(classHwmon, name, io).resolve(channel + "_input");
            if (!io.exists(input)) {
                throw new IOException("hwmon device '" + name + "' has no " + input.getFileName());
            }
        } catch (IOException e) {
            Components.logSetupFailed(LOG, pid, "hwmon sensor " + id, e);
            return;
        }
        String attribute = channel + "_input";
        Sensor sensor = new MillidegreeSensor(id, () -> Hwmon.find(classHwmon, name, io).resolve(attribute), io, clock);
        service.register(registrar, sensor, "hwmon", Map.of());
        LOG.log(Level.INFO, "{0}: sensor {1} on hwmon {2} {3}", pid, id, name, channel);
    }

    /** Unregisters the service. */
    @Deactivate
    public void deactivate() {
        service.close();
    }

    /** @return the sensor while registered, for tests */
    Sensor sensor() {
        return service.sensor();
    }
}
