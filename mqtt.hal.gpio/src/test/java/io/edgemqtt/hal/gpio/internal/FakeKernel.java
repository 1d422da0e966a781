package io.edgemqtt.hal.gpio.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake sysfs in a temporary folder with just enough kernel behind it: writing a number to {@code class/gpio/export}
 * creates the pin's folder with its attributes (EBUSY if it exists), {@code unexport} removes it (EINVAL if absent),
 * and reads of chosen files can be made to fail, a number of times or for good, with the kernel's error text.
 */
public class FakeKernel implements SysfsIo {
    private final Path root;
    private final Map<Path, Deque<String>> readFailures = new ConcurrentHashMap<>();
    private final Map<Path, Deque<String>> writeFailures = new ConcurrentHashMap<>();
    public final List<String> writes = new CopyOnWriteArrayList<>();
    public final List<Path> reads = new CopyOnWriteArrayList<>();

    /** @param root the folder standing for {@code /sys} */
    public FakeKernel(Path root) {
        this.root = root;
    }

    /** @return the folder standing for {@code /sys} */
    public Path root() {
        return root;
    }

    /**
     * Creates or replaces a file with content, and its folders. The content is replaced in one step (written beside
     * and moved over), as a sysfs attribute changes, so that a watcher never reads a half-written file.
     *
     * @param relative the path below the root
     * @param content the content
     * @return the file
     */
    public Path file(String relative, String content) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling("." + file.getFileName() + ".next");
            Files.writeString(next, content);
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Adds a GPIO chip.
     *
     * @param name the folder name, for example gpiochip512
     * @param label the label
     * @param base the base
     * @param lines ngpio
     */
    public void chip(String name, String label, int base, int lines) {
        file("class/gpio/" + name + "/label", label + "\n");
        file("class/gpio/" + name + "/base", base + "\n");
        file("class/gpio/" + name + "/ngpio", lines + "\n");
        file("class/gpio/export", "");
        file("class/gpio/unexport", "");
    }

    /**
     * Makes the next reads of a file fail.
     *
     * @param file the file
     * @param messages the error text of each failing read, in order
     */
    public void failReads(Path file, String... messages) {
        readFailures.computeIfAbsent(file, f -> new ArrayDeque<>()).addAll(List.of(messages));
    }

    /**
     * Makes the next writes to a file fail.
     *
     * @param file the file
     * @param messages the error text of each failing write, in order
     */
    public void failWrites(Path file, String... messages) {
        writeFailures.computeIfAbsent(file, f -> new ArrayDeque<>()).addAll(List.of(messages));
    }

    @Override
    public String read(Path file) throws IOException {
        reads.add(file);
        Deque<String> failures = readFailures.get(file);
        if (failures != null) {
            String message = failures.poll();
            if (message != null) {
                throw new IOException(message);
            }
        }
        return SysfsIo.super.read(file);
    }

    @Override
    public void write(Path file, String text) throws IOException {
        writes.add(root.relativize(file) + "=" + text);
        Deque<String> failures = writeFailures.get(file);
        if (failures != null) {
            String message = failures.poll();
            if (message != null) {
                throw new IOException(message);
            }
        }
        String name = file.getFileName().toString();
        if (file.getParent().equals(root.resolve("class/gpio")) && name.equals("export")) {
            Path pin = file.resolveSibling("gpio" + text.trim());
            if (Files.exists(pin)) {
                throw new IOException("Device or resource busy");
            }
            Files.createDirectories(pin);
            Files.writeString(pin.resolve("value"), "0\n");
            Files.writeString(pin.resolve("direction"), "in\n");
            Files.writeString(pin.resolve("edge"), "none\n");
            Files.writeString(pin.resolve("active_low"), "0\n");
            return;
        }
        if (file.getParent().equals(root.resolve("class/gpio")) && name.equals("unexport")) {
            Path pin = file.resolveSibling("gpio" + text.trim());
            if (!Files.exists(pin)) {
                throw new IOException("Invalid argument");
            }
            try (var entries = Files.list(pin)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    Files.delete(entry);
                }
            }
            Files.delete(pin);
            return;
        }
        SysfsIo.super.write(file, text);
    }
}
