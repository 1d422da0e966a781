package io.edgemqtt.hal.gpio.internal.sysfs;

import io.edgemqtt.hal.gpio.api.DigitalOutput;
import io.edgemqtt.hal.gpio.api.HalProperties;
import io.edgemqtt.hal.gpio.internal.Check;
import io.edgemqtt.hal.gpio.internal.Components;
import io.edgemqtt.hal.gpio.internal.ConfigException;
import io.edgemqtt.hal.gpio.internal.ServiceRegistrar;
import io.edgemqtt.hal.gpio.internal.SysfsIo;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Factory PID {@value #PID}: one {@link DigitalOutput} service per configuration. The output keeps its last level
 * when the component stops: driving it to a safe state is the job of whoever commands it (the output controller).
 */
@Component(configurationPid = SysfsOutputComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = SysfsOutputConfig.class, factory = true)
public final class SysfsOutputComponent {
    static final String PID = "mqtt.gpio.sysfs.output";
    private static final Logger LOG = System.getLogger(SysfsOutputComponent.class.getName());

    private final String pid;
    private ExportedLine exported;
    private SysfsDigitalOutput output;
    private ServiceRegistrar.Registration registration;

    /**
     * @param config the configuration
     * @param properties the component properties
     * @param context the bundle context, to register the service
     */
    @Activate
    public SysfsOutputComponent(SysfsOutputConfig config, Map<String, Object> properties, BundleContext context) {
        this(config, Components.pid(properties, PID), ServiceRegistrar.of(context), SysfsIo.NIO);
    }

    SysfsOutputComponent(SysfsOutputConfig config, String pid, ServiceRegistrar registrar, SysfsIo io) {
        this.pid = pid;
        String id;
        Path classGpio;
        try {
            id = Check.id("hal.id", config.hal_id());
            Check.range("line", config.line(), 0, 1023);
            classGpio = Check.path("sysfs.root", config.sysfs_root()).resolve("class/gpio");
        } catch (ConfigException e) {
            Components.logInvalid(LOG, pid, e);
            return;
        }
        SysfsGpioLine line;
        try {
            exported = ExportedLine.export(io, classGpio, config.chip_label(), config.line(), config.unexport());
            line = exported.line();
            // active_low first: it decides what "initial" means on the wire
            line.activeLow(config.active_low());
            line.directionOut(config.initial() != config.active_low());
            output = new SysfsDigitalOutput(id, line);
        } catch (IOException | IllegalArgumentException e) {
            Components.logSetupFailed(LOG, pid, "output " + id + " (line " + config.line() + ")", e);
            deactivate();
            return;
        }
        registration = registrar.register(new Class<?>[] {DigitalOutput.class}, output,
                Map.of(HalProperties.ID, id, HalProperties.TYPE, "gpio", "gpio.number", line.number()));
        LOG.log(Level.INFO, "{0}: output {1} on {2}", pid, id, line);
    }

    /** Unregisters the service and unexports the line if configured and exported here. */
    @Deactivate
    public void deactivate() {
        if (registration != null) {
            registration.close();
            registration = null;
        }
        output = null;
        if (exported != null) {
            exported.release(LOG, pid);
            exported = null;
        }
    }

    /** @return the output while registered, for tests */
    DigitalOutput output() {
        return output;
    }
}
