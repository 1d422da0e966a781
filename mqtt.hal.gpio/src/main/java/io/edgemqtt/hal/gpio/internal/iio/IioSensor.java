package io.edgemqtt.hal.gpio.internal.iio;

import io.edgemqtt.hal.gpio.api.Quantities;
import io.edgemqtt.hal.gpio.api.Reading;
import io.edgemqtt.hal.gpio.api.Sensor;
import io.edgemqtt.hal.gpio.internal.SysfsIo;
import io.edgemqtt.hal.gpio.internal.SysfsValues;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An environmental sensor of the kernel's IIO subsystem ({@code /sys/bus/iio/devices/iio:deviceN}): the bmp280 driver
 * (BMP280, BME280), dht11 (DHT11, DHT22) and others with temperature, humidity or pressure channels.
 *
 * <p>A channel is read from its processed {@code in_X_input} attribute if there is one, else as {@code (in_X_raw +
 * in_X_offset) * in_X_scale} (offset 0 and scale 1 when absent), with an optional configured scale replacing the
 * driver's. Transient errors are retried a bounded number of times: the dht11 driver fails a read with EIO ("Input/output
 * error") or ETIMEDOUT when the sensor's answer was garbled, and the next read usually works.
 */
final class IioSensor implements Sensor {
    private static final Pattern CHANNEL_FILE = Pattern.compile("in_(temp|humidityrelative|pressure)(\\d*)_(input|raw)");

    private final String id;
    private final Path device;
    private final List<IioChannel> channels;
    private final Map<String, Double> scaleOverrides;
    private final int retries;
    private final long retryDelayMillis;
    private final SysfsIo io;
    private final Clock clock;

    /**
     * @param id the sensor's identifier
     * @param device the device folder
     * @param channels the channels to read
     * @param scaleOverrides scale per channel name ({@code temp}, {@code pressure}, ...) replacing the driver's
     * @param retries how many times a transient error is retried per channel and read
     * @param retryDelayMillis the pause before a retry
     * @param io reads the attributes
     * @param clock stamps the readings
     */
    IioSensor(String id, Path device, List<IioChannel> channels, Map<String, Double> scaleOverrides, int retries,
            long retryDelayMillis, SysfsIo io, Clock clock) {
        this.id = id;
        this.device = device;
        this.channels = List.copyOf(channels);
        this.scaleOverrides = Map.copyOf(scaleOverrides);
        this.retries = retries;
        this.retryDelayMillis = retryDelayMillis;
        this.io = io;
        this.clock = clock;
    }

    /**
     * Finds the channels a device offers.
     *
     * @param device the device folder
     * @return the temperature, humidity and pressure channels, by name
     * @throws IOException if the folder cannot be listed
     */
    static List<IioChannel> discover(Path device) throws IOException {
        Map<String, IioChannel> found = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(device, "in_*")) {
            for (Path entry : entries) {
                Matcher matcher = CHANNEL_FILE.matcher(entry.getFileName().toString());
                if (matcher.matches()) {
                    IioChannel channel = IioChannel.of(matcher.group(1), matcher.group(2));
                    found.putIfAbsent(channel.name(), channel);
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /**
     * Finds a device folder by the driver's name.
     *
     * @param devices the {@code bus/iio/devices} folder
     * @param name the content of the device's {@code name} attribute, for example {@code bme280}
     * @param io reads the attributes
     * @return the first matching device folder, by folder name
     * @throws IOException if none matches (naming the devices present)
     */
    static Path findByName(Path devices, String name, SysfsIo io) throws IOException {
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(devices, "iio:device*")) {
            entries.forEach(folders::add);
        }
        Collections.sort(folders);
        List<String> seen = new ArrayList<>();
        for (Path folder : folders) {
            String driver;
            try {
                driver = io.read(folder.resolve("name"));
            } catch (IOException e) {
                continue;
            }
            if (driver.equals(name)) {
                return folder;
            }
            seen.add(folder.getFileName() + "=" + driver);
        }
        throw new IOException("no IIO device named '" + name + "' under " + devices + " (present: " + seen + ")");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<String> quantities() {
        List<String> quantities = new ArrayList<>(channels.size());
        for (IioChannel channel : channels) {
            quantities.add(channel.quantity());
        }
        return quantities;
    }

    @Override
    public List<Reading> read() {
        List<Reading> readings = new ArrayList<>(channels.size());
        for (IioChannel channel : channels) {
            readings.add(read(channel));
        }
        return readings;
    }

    private Reading read(IioChannel channel) {
        Instant now = clock.instant();
        if (!io.exists(device)) {
            return Reading.bad(id, channel.quantity(), channel.unit(), now,
                    "IIO device " + device.getFileName() + " is gone");
        }
        double value;
        try {
            value = channel.convert(readIioValue(channel));
        } catch (IOException e) {
            return Reading.bad(id, channel.quantity(), channel.unit(), clock.instant(),
                    channel.name() + ": " + SysfsValues.describe(e));
        }
        Instant taken = clock.instant();
        if (!Double.isFinite(value)) {
            return Reading.bad(id, channel.quantity(), channel.unit(), taken, channel.name() + ": not a number");
        }
        if (channel.quantity().equals(Quantities.HUMIDITY) && (value < 0 || value > 100)) {
            return Reading.suspect(id, channel.quantity(), value, channel.unit(), taken,
                    "relative humidity outside 0..100 %");
        }
        return Reading.good(id, channel.quantity(), value, channel.unit(), taken);
    }

    /** @return the channel's value in its IIO unit */
    private double readIioValue(IioChannel channel) throws IOException {
        String prefix = "in_" + channel.name();
        Path input = device.resolve(prefix + "_input");
        Double override = scaleOverrides.get(channel.name());
        if (override == null && io.exists(input)) {
            return SysfsValues.decimal(prefix + "_input", readRetrying(input));
        }
        double raw = SysfsValues.decimal(prefix + "_raw", readRetrying(device.resolve(prefix + "_raw")));
        double offset = optional(prefix + "_offset", 0);
        double scale = override != null ? override : optional(prefix + "_scale", 1);
        return (raw + offset) * scale;
    }

    private double optional(String attribute, double absent) throws IOException {
        Path file = device.resolve(attribute);
        if (!io.exists(file)) {
            return absent;
        }
        return SysfsValues.decimal(attribute, readRetrying(file));
    }

    private String readRetrying(Path file) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return io.read(file);
            } catch (IOException e) {
                if (attempt >= retries || !isTransient(e)) {
                    if (attempt > 0) {
                        throw new IOException(e.getMessage() + " (after " + (attempt + 1) + " attempts)", e);
                    }
                    throw e;
                }
            }
            if (retryDelayMillis > 0) {
                try {
                    Thread.sleep(retryDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while retrying " + file.getFileName());
                }
            }
        }
    }

    /**
     * @param e a failed read
     * @return true for the errors a repeated read may not have: EIO, ETIMEDOUT, EAGAIN
     */
    static boolean isTransient(IOException e) {
        if (e instanceof NoSuchFileException || e.getMessage() == null) {
            return false;
        }
        String message = e.getMessage().toLowerCase(Locale.ROOT);
        return message.contains("input/output error") || message.contains("timed out")
                || message.contains("resource temporarily unavailable");
    }

    @Override
    public String toString() {
        return "IIO sensor " + id + " (" + device.getFileName() + ", " + channels + ")";
    }
}
