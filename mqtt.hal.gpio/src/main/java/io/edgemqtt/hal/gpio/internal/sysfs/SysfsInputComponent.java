package io.edgemqtt.hal.gpio.internal.sysfs;

import io.edgemqtt.hal.gpio.api.DigitalInput;
import io.edgemqtt.hal.gpio.api.HalProperties;
import io.edgemqtt.hal.gpio.internal.Check;
import io.edgemqtt.hal.gpio.internal.Components;
import io.edgemqtt.hal.gpio.internal.ConfigException;
import io.edgemqtt.hal.gpio.internal.HalThreads;
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
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** Factory PID {@value #PID}: one {@link DigitalInput} service per configuration. */
@Component(configurationPid = SysfsInputComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = SysfsInputConfig.class, factory = true)
public final class SysfsInputComponent {
    static final String PID = "mqtt.gpio.sysfs.input";
    private static final Logger LOG = System.getLogger(SysfsInputComponent.class.getName());

    private final String pid;
    private ExportedLine exported;
    private SysfsDigitalInput input;
    private ServiceRegistrar.Registration registration;

    /**
     * @param config the configuration
     * @param properties the component properties
     * @param context the bundle context, to register the service
     * @param threads the bundle's threads
     */
    @Activate
    public SysfsInputComponent(SysfsInputConfig config, Map<String, Object> properties, BundleContext context,
            @Reference HalThreads threads) {
        this(config, Components.pid(properties, PID), ServiceRegistrar.of(context), threads, SysfsIo.NIO);
    }

    SysfsInputComponent(SysfsInputConfig config, String pid, ServiceRegistrar registrar, HalThreads threads,
            SysfsIo io) {
        this.pid = pid;
        String id;
        String edge;
        Path classGpio;
        try {
            id = Check.id("hal.id", config.hal_id());
            Check.range("line", config.line(), 0, 1023);
            edge = Check.oneOf("edge", config.edge(), "both", "rising", "falling", "none");
            Check.range("debounce.ms", config.debounce_ms(), 0, 60_000);
            Check.range("poll.ms", config.poll_ms(), 0, 3_600_000);
            classGpio = Check.path("sysfs.root", config.sysfs_root()).resolve("class/gpio");
        } catch (ConfigException e) {
            Components.logInvalid(LOG, pid, e);
            return;
        }
        SysfsGpioLine line;
        try {
            exported = ExportedLine.export(io, classGpio, config.chip_label(), config.line(), config.unexport());
            line = exported.line();
            line.directionIn();
            line.activeLow(config.active_low());
            // the kernel signals both edges so that the debounced level stays right; "edge" filters what we report
            line.edge("both");
            input = new SysfsDigitalInput(id, line, edge, config.debounce_ms(), threads.scheduler(), Clock.systemUTC(),
                    System::nanoTime);
            input.start(threads.fileWatcher(), config.poll_ms());
        } catch (IOException | IllegalArgumentException e) {
            Components.logSetupFailed(LOG, pid, "input " + id + " (line " + config.line() + ")", e);
            deactivate();
            return;
        }
        registration = registrar.register(new Class<?>[] {DigitalInput.class}, input,
                Map.of(HalProperties.ID, id, HalProperties.TYPE, "gpio", "gpio.number", line.number()));
        LOG.log(Level.INFO, "{0}: input {1} on {2}", pid, id, line);
    }

    /** Unregisters the service, stops watching and unexports the line if it was exported here. */
    @Deactivate
    public void deactivate() {
        if (registration != null) {
            registration.close();
            registration = null;
        }
        if (input != null) {
            input.close();
            input = null;
        }
        if (exported != null) {
            exported.release(LOG, pid);
            exported = null;
        }
    }

    /** @return the input while registered, for tests */
    DigitalInput input() {
        return input;
    }
}
