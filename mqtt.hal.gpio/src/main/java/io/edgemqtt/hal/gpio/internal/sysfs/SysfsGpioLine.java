package io.edgemqtt.hal.gpio.internal.sysfs;

import io.edgemqtt.hal.gpio.internal.SysfsIo;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One GPIO line through the sysfs interface ({@code /sys/class/gpio/gpioN}). Knows the attribute formats and the
 * kernel's quirks; holds no state besides whether this object exported the line.
 */
public final class SysfsGpioLine {
    private static final long EXPORT_WAIT_MILLIS = 2000;

    private final SysfsIo io;
    private final Path classGpio;
    private final int number;
    private final Path folder;

    /**
     * @param io reads and writes attributes
     * @param classGpio the {@code class/gpio} folder
     * @param number the line's global number (chip base + offset)
     */
    public SysfsGpioLine(SysfsIo io, Path classGpio, int number) {
        this.io = io;
        this.classGpio = classGpio;
        this.number = number;
        this.folder = classGpio.resolve("gpio" + number);
    }

    /** @return the global number */
    public int number() {
        return number;
    }

    /** @return the line's folder, {@code gpioN} */
    public Path folder() {
        return folder;
    }

    /** @return the {@code value} attribute */
    public Path valueFile() {
        return folder.resolve("value");
    }

    /** @return true if the line's folder exists */
    public boolean isExported() {
        return io.exists(folder);
    }

    /**
     * Exports the line unless it already is. EBUSY from the kernel means someone exported it between our check and our
     * write (or it is held by another consumer that also exported it), which is fine.
     *
     * @return true if this call exported it (so unexporting later is ours to do)
     * @throws IOException if it cannot be exported, or its folder does not appear within 2 s
     */
    public boolean export() throws IOException {
        if (isExported()) {
            return false;
        }
        boolean exported = true;
        try {
            io.write(classGpio.resolve("export"), Integer.toString(number));
        } catch (IOException e) {
            if (!isBusy(e)) {
                throw new IOException("cannot export GPIO " + number + ": " + e.getMessage(), e);
            }
            exported = false;
        }
        awaitFolder();
        return exported;
    }

    /**
     * Unexports the line; a line that is not exported is fine.
     *
     * @throws IOException if the kernel refuses for another reason
     */
    public void unexport() throws IOException {
        if (!isExported()) {
            return;
        }
        try {
            io.write(classGpio.resolve("unexport"), Integer.toString(number));
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("Invalid argument")) {
                throw new IOException("cannot unexport GPIO " + number + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * @param activeLow true to invert the logical level (reads and writes of {@code value})
     * @throws IOException on failure
     */
    public void activeLow(boolean activeLow) throws IOException {
        io.write(folder.resolve("active_low"), activeLow ? "1" : "0");
    }

    /** @throws IOException on failure */
    public void directionIn() throws IOException {
        io.write(folder.resolve("direction"), "in");
    }

    /**
     * Makes the line an output that starts at {@code high}, in one step (writing {@code out} then a value could emit a
     * short pulse at the wrong level). The kernel applies {@code high}/{@code low} to the wire, ignoring {@code
     * active_low}.
     *
     * @param physicalHigh the wire's initial level
     * @throws IOException on failure
     */
    public void directionOut(boolean physicalHigh) throws IOException {
        io.write(folder.resolve("direction"), physicalHigh ? "high" : "low");
    }

    /**
     * @return the configured direction, {@code in} or {@code out}
     * @throws IOException on failure
     */
    public String direction() throws IOException {
        return io.read(folder.resolve("direction")).toLowerCase(Locale.ROOT);
    }

    /**
     * @param edge {@code none}, {@code rising}, {@code falling} or {@code both}: which changes the kernel signals
     * @throws IOException on failure
     */
    public void edge(String edge) throws IOException {
        io.write(folder.resolve("edge"), edge);
    }

    /**
     * @return the logical level
     * @throws IOException if unreadable, or the content is neither 0 nor 1
     */
    public boolean value() throws IOException {
        String text = io.read(valueFile());
        switch (text) {
            case "1":
                return true;
            case "0":
                return false;
            case "":
                throw new IOException("GPIO " + number + ": empty value");
            default:
                throw new IOException("GPIO " + number + ": value is '" + text + "', expected 0 or 1");
        }
    }

    /**
     * @param active the logical level to drive
     * @throws IOException on failure
     */
    public void value(boolean active) throws IOException {
        io.write(valueFile(), active ? "1" : "0");
    }

    private void awaitFolder() throws IOException {
        long deadline = System.nanoTime() + EXPORT_WAIT_MILLIS * 1_000_000;
        // the kernel creates the folder during the write; udev may take a moment to open its permissions
        while (!isExported()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("GPIO " + number + " was exported but " + folder + " did not appear");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while exporting GPIO " + number);
            }
        }
    }

    static boolean isBusy(IOException e) {
        return String.valueOf(e.getMessage()).contains("Device or resource busy");
    }

    @Override
    public String toString() {
        return "GPIO " + number;
    }
}
