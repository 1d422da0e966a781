package io.edgemqtt.hal.gpio.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes sysfs attributes. One seam so that tests can put a fake kernel behind a fake tree (export creating
 * a pin folder, a driver failing with EIO) without touching the providers.
 */
public interface SysfsIo {
    /** The real thing: whole-file reads and single writes, as sysfs attributes expect. */
    SysfsIo NIO = new SysfsIo() {};

    /**
     * @param file an attribute
     * @return its content without the trailing line break
     * @throws IOException as the driver reports it (for example "Input/output error" for EIO)
     */
    default String read(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        return text.strip();
    }

    /**
     * Writes an attribute in one write call. Never creates a file: a missing attribute is an error, not a new file.
     *
     * @param file an attribute
     * @param text what to write
     * @throws IOException as the driver reports it (for example "Device or resource busy" for EBUSY)
     */
    default void write(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * @param path a file or folder
     * @return true if it exists
     */
    default boolean exists(Path path) {
        return Files.exists(path);
    }
}
