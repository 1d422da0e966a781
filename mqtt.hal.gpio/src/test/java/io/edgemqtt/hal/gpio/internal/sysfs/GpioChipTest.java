package io.edgemqtt.hal.gpio.internal.sysfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.hal.gpio.internal.FakeKernel;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GpioChipTest {
    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} at base {1}: line 17 is {2}")
    @CsvSource({
        "pinctrl-bcm2835, 0, 17", // Pi 0-3, older kernels
        "pinctrl-bcm2711, 0, 17", // Pi 4, kernels before 6.6
        "pinctrl-bcm2711, 512, 529", // Pi 4, kernel 6.6 and later
        "pinctrl-bcm2835, 512, 529", // Pi 3, kernel 6.6 and later
        "pinctrl-rp1, 571, 588", // Pi 5, kernel 6.6
        "pinctrl-rp1, 512, 529", // Pi 5, other kernels
    })
    void findsTheRaspberryPiChipByLabelWhateverItsBase(String label, int base, int expected) throws IOException {
        FakeKernel kernel = new FakeKernel(root);
        kernel.chip("gpiochip" + base, label, base, 54);
        GpioChip chip = GpioChip.resolve(kernel, root.resolve("class/gpio"), "");
        assertEquals(label, chip.label());
        assertEquals(base, chip.base());
        assertEquals(expected, chip.number(17));
    }

    @Test
    void prefersTheMainControllerOverOtherChipsOnAPi5() throws IOException {
        FakeKernel kernel = new FakeKernel(root);
        kernel.chip("gpiochip512", "gpio-brcmstb@107d508500", 512, 32);
        kernel.chip("gpiochip544", "gpio-brcmstb@107d517c00", 544, 15);
        kernel.chip("gpiochip571", "pinctrl-rp1", 571, 54);
        GpioChip chip = GpioChip.resolve(kernel, root.resolve("class/gpio"), "");
        assertEquals("pinctrl-rp1", chip.label());
        assertEquals(571 + 4, chip.number(4));
    }

    @Test
    void anExplicitLabelSelectsThatChip() throws IOException {
        FakeKernel kernel = new FakeKernel(root);
        kernel.chip("gpiochip512", "pinctrl-bcm2711", 512, 58);
        kernel.chip("gpiochip570", "raspberrypi-exp-gpio", 570, 8);
        GpioChip chip = GpioChip.resolve(kernel, root.resolve("class/gpio"), "raspberrypi-exp-gpio");
        assertEquals(570, chip.base());
        assertEquals(8, chip.lines());
    }

    @Test
    void aMissingChipIsExplainedWithTheChipsPresent() {
        FakeKernel kernel = new FakeKernel(root);
        kernel.chip("gpiochip0", "some-other-chip", 0, 32);
        IOException e = assertThrows(IOException.class,
                () -> GpioChip.resolve(kernel, root.resolve("class/gpio"), ""));
        assertTrue(e.getMessage().contains("pinctrl-rp1"), e.getMessage());
        assertTrue(e.getMessage().contains("some-other-chip at 0"), e.getMessage());
    }

    @Test
    void aChipWithUnreadableAttributesIsSkipped() throws IOException {
        FakeKernel kernel = new FakeKernel(root);
        kernel.file("class/gpio/gpiochip0/label", "pinctrl-bcm2835");
        kernel.file("class/gpio/gpiochip0/base", "not a number");
        kernel.file("class/gpio/gpiochip0/ngpio", "54");
        assertTrue(GpioChip.list(kernel, root.resolve("class/gpio")).isEmpty());
    }

    @Test
    void aLineBeyondTheChipIsRefused() throws IOException {
        FakeKernel kernel = new FakeKernel(root);
        kernel.chip("gpiochip512", "pinctrl-bcm2711", 512, 58);
        GpioChip chip = GpioChip.resolve(kernel, root.resolve("class/gpio"), "");
        assertEquals(512 + 57, chip.number(57));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> chip.number(58));
        assertTrue(e.getMessage().contains("lines 0..57"), e.getMessage());
    }

    @Test
    void noGpioClassFolderIsAnIoError() {
        FakeKernel kernel = new FakeKernel(root);
        assertThrows(IOException.class, () -> GpioChip.resolve(kernel, root.resolve("class/gpio"), ""));
    }
}
