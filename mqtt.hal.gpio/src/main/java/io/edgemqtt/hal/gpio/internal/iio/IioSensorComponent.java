package io.edgemqtt.hal.gpio.internal.iio;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/** Factory PID {@value #PID}: one {@link Sensor} per IIO device. */
@Component(configurationPid = IioSensorComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = IioSensorConfig.class, factory = true)
public final class IioSensorComponent {
    static final String PID = "mqtt.gpio.iio";
    private static final Logger LOG = System.getLogger(IioSensorComponent.class.getName());

    private final SensorService service = new SensorService();

    /**
     * @param config the configuration
     * @param properties the component properties
     * @param context the bundle context, to register the service
     */
    @Activate
    public IioSensorComponent(IioSensorConfig config, Map<String, Object> properties, BundleContext context) {
        this(config, Components.pid(properties, PID), ServiceRegistrar.of(context), SysfsIo.NIO, Clock.systemUTC());
    }

    IioSensorComponent(IioSensorConfig config, String pid, ServiceRegistrar registrar, SysfsIo io, Clock clock) {
        String id;
        Path devices;
        Map<String, Double> scales;
        String device = config.device() == null ? "" : config.device().trim();
        String deviceName = config.device_name() == null ? "" : config.device_name().trim();
        try {
            id = Check.id("hal.id", config.hal_id());
            devices = Check.path("sysfs.root", config.sysfs_root()).resolve("bus/iio/devices");
            if (device.isEmpty() && deviceName.isEmpty()) {
                throw new ConfigException("device.name", "or 'device' is required");
            }
            if (!device.isEmpty() && !device.matches("iio:device\\d+")) {
                throw new ConfigException("device", "must be iio:deviceN, was '" + device + "'");
            }
            Check.range("retries", config.retries(), 0, 10);
            Check.range("retry.delay.ms", config.retry_delay_ms(), 0, 5000);
            scales = parseScales(config.scale());
        } catch (ConfigException e) {
            Components.logInvalid(LOG, pid, e);
            return;
        }
        Path folder;
        List<IioChannel> channels;
        try {
            folder = device.isEmpty() ? IioSensor.findByName(devices, deviceName, io) : devices.resolve(device);
            List<IioChannel> offered = IioSensor.discover(folder);
            channels = select(offered, config.channels());
            if (channels.isEmpty()) {
                throw new IOException(folder.getFileName() + " has no temperature, humidity or pressure channel");
            }
            for (String channel : scales.keySet()) {
                if (channels.stream().noneMatch(c -> c.name().equals(channel))) {
                    throw new IOException("property 'scale' names channel '" + channel + "', which is not read ("
                            + channels + ")");
                }
            }
        } catch (IOException e) {
            Components.logSetupFailed(LOG, pid, "IIO sensor " + id, e);
            return;
        }
        Sensor sensor = new IioSensor(id, folder, channels, scales, config.retries(), config.retry_delay_ms(), io,
                clock);
        service.register(registrar, sensor, "iio", Map.of("iio.device", folder.getFileName().toString()));
        LOG.log(Level.INFO, "{0}: sensor {1} on {2} {3}", pid, id, folder.getFileName(), channels);
    }

    private static List<IioChannel> select(List<IioChannel> offered, String[] wanted) throws IOException {
        List<String> names = Check.list(wanted);
        if (names.isEmpty()) {
            return offered;
        }
        List<IioChannel> selected = new ArrayList<>();
        for (String name : names) {
            IioChannel match = offered.stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IOException("property 'channels' names '" + name
                            + "', which the device does not have (it has " + offered + ")"));
            selected.add(match);
        }
        return selected;
    }

    static Map<String, Double> parseScales(String[] entries) throws ConfigException {
        Map<String, Double> scales = new HashMap<>();
        for (String entry : Check.list(entries)) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new ConfigException("scale", "entries must be channel=scale, was '" + entry + "'");
            }
            String channel = entry.substring(0, equals).trim();
            double scale;
            try {
                scale = Double.parseDouble(entry.substring(equals + 1).trim());
            } catch (NumberFormatException e) {
                throw new ConfigException("scale", "'" + entry + "' has no number after '='");
            }
            if (!Double.isFinite(scale) || scale == 0) {
                throw new ConfigException("scale", "'" + entry + "' must have a finite, non-zero scale");
            }
            scales.put(channel, scale);
        }
        return scales;
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
