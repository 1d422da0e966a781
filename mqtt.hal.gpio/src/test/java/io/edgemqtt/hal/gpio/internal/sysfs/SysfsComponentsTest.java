package io.edgemqtt.hal.gpio.internal.sysfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.hal.gpio.api.DigitalInput;
import io.edgemqtt.hal.gpio.api.DigitalOutput;
import io.edgemqtt.hal.gpio.api.HalProperties;
import io.edgemqtt.hal.gpio.internal.Configs;
import io.edgemqtt.hal.gpio.internal.FakeKernel;
import io.edgemqtt.hal.gpio.internal.HalThreads;
import io.edgemqtt.hal.gpio.internal.RecordingRegistrar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsComponentsTest {
    @TempDir
    Path root;

    FakeKernel kernel;
    HalThreads threads;
    final RecordingRegistrar registrar = new RecordingRegistrar();

    @BeforeEach
    void pi4() {
        kernel = new FakeKernel(root);
        kernel.chip("gpiochip512", "pinctrl-bcm2711", 512, 58);
        threads = new HalThreads();
    }

    @AfterEach
    void stop() {
        threads.close();
    }

    String attribute(String name) throws IOException {
        return Files.readString(root.resolve("class/gpio/gpio529/" + name));
    }

    @Test
    void anOutputStartsAtItsInitialLevelHonouringActiveLow() throws IOException {
        SysfsOutputConfig config = Configs.of(SysfsOutputConfig.class, "hal.id", "relay1", "line", 17,
                "active.low", true, "initial", true, "sysfs.root", root.toString());
        SysfsOutputComponent component = new SysfsOutputComponent(config, "pid", registrar, kernel);
        assertEquals(List.of("class/gpio/export=529", "class/gpio/gpio529/active_low=1",
                "class/gpio/gpio529/direction=low"), kernel.writes, "active (true) on an active-low line is a low wire");
        RecordingRegistrar.Recorded registration = registrar.only();
        assertEquals(List.of(DigitalOutput.class), registration.types);
        assertEquals("relay1", registration.properties.get(HalProperties.ID));
        assertEquals("gpio", registration.properties.get(HalProperties.TYPE));
        assertEquals(529, registration.properties.get("gpio.number"));

        DigitalOutput output = component.output();
        output.write(false);
        assertEquals("0", attribute("value"));
        component.deactivate();
        assertTrue(registration.closed);
        assertTrue(Files.exists(root.resolve("class/gpio/gpio529")), "outputs stay exported unless configured");
    }

    @Test
    void anOutputConfiguredToUnexportDoesSoOnlyIfItExportedTheLine() throws IOException {
        SysfsOutputConfig config = Configs.of(SysfsOutputConfig.class, "hal.id", "relay1", "line", 17,
                "unexport", true, "sysfs.root", root.toString());
        new SysfsOutputComponent(config, "pid", registrar, kernel).deactivate();
        assertFalse(Files.exists(root.resolve("class/gpio/gpio529")));

        new SysfsGpioLine(kernel, root.resolve("class/gpio"), 529).export(); // exported by someone else
        new SysfsOutputComponent(config, "pid", registrar, kernel).deactivate();
        assertTrue(Files.exists(root.resolve("class/gpio/gpio529")));
    }

    @Test
    void anInputIsConfiguredAndRegistered() throws IOException {
        SysfsInputConfig config = Configs.of(SysfsInputConfig.class, "hal.id", "door", "line", 17,
                "active.low", true, "sysfs.root", root.toString());
        SysfsInputComponent component = new SysfsInputComponent(config, "pid", registrar, threads, kernel);
        assertEquals("in", attribute("direction"));
        assertEquals("1", attribute("active_low"));
        assertEquals("both", attribute("edge"));
        RecordingRegistrar.Recorded registration = registrar.only();
        assertEquals(List.of(DigitalInput.class), registration.types);
        assertEquals("door", ((DigitalInput) registration.service).id());
        component.deactivate();
        assertTrue(registration.closed);
        assertFalse(Files.exists(root.resolve("class/gpio/gpio529")), "inputs unexport what they exported");
    }

    @Test
    void invalidConfigurationsRegisterNothingAndTouchNothing() {
        Object[][] invalid = {
            {"line", -1}, {"line", 5000}, {"hal.id", ""}, {"hal.id", "a/b"}, {"edge", "sideways"},
            {"debounce.ms", -5L}, {"poll.ms", -1L},
        };
        for (Object[] entry : invalid) {
            Object[] values = {"hal.id", "door", "line", 17, "sysfs.root", root.toString(), entry[0], entry[1]};
            SysfsInputComponent component = new SysfsInputComponent(
                    Configs.of(SysfsInputConfig.class, values), "pid", registrar, threads, kernel);
            assertNull(component.input(), entry[0] + "=" + entry[1]);
        }
        assertEquals(0, registrar.registrations.size());
        assertEquals(List.of(), kernel.writes);
    }

    @Test
    void aLineTheChipDoesNotHaveRegistersNothing() {
        SysfsOutputConfig config = Configs.of(SysfsOutputConfig.class, "hal.id", "relay1", "line", 58,
                "sysfs.root", root.toString());
        assertNull(new SysfsOutputComponent(config, "pid", registrar, kernel).output());
        assertEquals(0, registrar.registrations.size());
    }

    @Test
    void aMissingChipRegistersNothing() {
        SysfsInputConfig config = Configs.of(SysfsInputConfig.class, "hal.id", "door", "line", 17,
                "chip.label", "pinctrl-rp1", "sysfs.root", root.toString());
        assertNull(new SysfsInputComponent(config, "pid", registrar, threads, kernel).input());
        assertEquals(0, registrar.registrations.size());
    }
}
