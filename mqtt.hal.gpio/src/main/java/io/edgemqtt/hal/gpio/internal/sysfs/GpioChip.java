package io.edgemqtt.hal.gpio.internal.sysfs;

import io.edgemqtt.hal.gpio.internal.SysfsIo;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A GPIO controller as sysfs shows it ({@code /sys/class/gpio/gpiochipN} with {@code label}, {@code base}, {@code
 * ngpio}). The global sysfs number of a line is the chip's base plus the line's offset; the base depends on the kernel
 * (0 on older ones, 512 or 571 on newer ones), so it is always looked up by the chip's label, never assumed.
 */
public final class GpioChip {
    /** The Raspberry Pi's main GPIO controllers, newest first: Pi 5 (RP1), Pi 4, Pi 0-3. */
    public static final List<String> RASPBERRY_PI_LABELS = List.of("pinctrl-rp1", "pinctrl-bcm2711", "pinctrl-bcm2835");

    private final String name;
    private final String label;
    private final int base;
    private final int lines;

    GpioChip(String name, String label, int base, int lines) {
        this.name = name;
        this.label = label;
        this.base = base;
        this.lines = lines;
    }

    /** @return the sysfs folder name, for example {@code gpiochip512} */
    public String name() {
        return name;
    }

    /** @return the driver's label, for example {@code pinctrl-bcm2711} */
    public String label() {
        return label;
    }

    /** @return the global number of line 0 */
    public int base() {
        return base;
    }

    /** @return how many lines the chip has */
    public int lines() {
        return lines;
    }

    /**
     * @param offset the line's offset on the chip (the BCM number on a Raspberry Pi)
     * @return the line's global sysfs number
     * @throws IllegalArgumentException if the chip has no such line
     */
    public int number(int offset) {
        if (offset < 0 || offset >= lines) {
            throw new IllegalArgumentException(
                    "line " + offset + " is not on " + label + " (" + name + ", lines 0.." + (lines - 1) + ")");
        }
        return base + offset;
    }

    /**
     * Lists the chips under {@code /sys/class/gpio}, skipping entries that cannot be read.
     *
     * @param io reads the attributes
     * @param classGpio the {@code class/gpio} folder
     * @return the chips by ascending base
     * @throws IOException if the folder cannot be listed (no GPIO sysfs interface)
     */
    public static List<GpioChip> list(SysfsIo io, Path classGpio) throws IOException {
        List<GpioChip> chips = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(classGpio, "gpiochip*")) {
            for (Path entry : entries) {
                try {
                    chips.add(new GpioChip(entry.getFileName().toString(), io.read(entry.resolve("label")),
                            Integer.parseInt(io.read(entry.resolve("base"))),
                            Integer.parseInt(io.read(entry.resolve("ngpio")))));
                } catch (IOException | NumberFormatException e) {
                    // a chip folder we cannot read is not one we can use
                }
            }
        }
        chips.sort(Comparator.comparingInt(GpioChip::base));
        return chips;
    }

    /**
     * @param chips the chips present
     * @param label the wanted label, or empty for the first of {@link #RASPBERRY_PI_LABELS} present
     * @return the chip
     */
    public static Optional<GpioChip> find(List<GpioChip> chips, String label) {
        List<String> wanted = label == null || label.isEmpty() ? RASPBERRY_PI_LABELS : List.of(label);
        for (String candidate : wanted) {
            for (GpioChip chip : chips) {
                if (chip.label.equals(candidate)) {
                    return Optional.of(chip);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Finds a chip and explains the failure in words when there is none.
     *
     * @param io reads the attributes
     * @param classGpio the {@code class/gpio} folder
     * @param label the wanted label, or empty for a Raspberry Pi's
     * @return the chip
     * @throws IOException naming the labels present when the wanted one is not
     */
    public static GpioChip resolve(SysfsIo io, Path classGpio, String label) throws IOException {
        List<GpioChip> chips = list(io, classGpio);
        return find(chips, label).orElseThrow(() -> new IOException("no GPIO chip labelled "
                + (label == null || label.isEmpty() ? "any of " + RASPBERRY_PI_LABELS : "'" + label + "'")
                + " under " + classGpio + " (present: " + describe(chips) + ")"));
    }

    private static String describe(List<GpioChip> chips) {
        if (chips.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        for (GpioChip chip : chips) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(chip.label).append(" at ").append(chip.base);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return name + "[" + label + ", base " + base + ", " + lines + " lines]";
    }
}
