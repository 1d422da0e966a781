package io.edgemqtt.hal.gpio.internal.w1;

import io.edgemqtt.hal.gpio.api.Quantities;
import io.edgemqtt.hal.gpio.api.Reading;
import io.edgemqtt.hal.gpio.api.Sensor;
import io.edgemqtt.hal.gpio.internal.SysfsIo;
import io.edgemqtt.hal.gpio.internal.SysfsValues;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A DS18B20 (family code 28) on the kernel's 1-Wire bus, {@code /sys/bus/w1/devices/28-*}. */
final class W1TemperatureSensor implements Sensor {
    /** The DS18B20's family code, the prefix of its folder name. */
    static final String FAMILY = "28-";

    private final String id;
    private final Path device;
    private final String file;
    private final SysfsIo io;
    private final Clock clock;

    /**
     * @param id the sensor's identifier
     * @param device the device folder, {@code .../w1/devices/28-...}
     * @param file {@code auto} (w1_slave if present, else temperature), {@code w1_slave} or {@code temperature}
     * @param io reads the attributes
     * @param clock stamps the readings
     */
    W1TemperatureSensor(String id, Path device, String file, SysfsIo io, Clock clock) {
        this.id = id;
        this.device = device;
        this.file = file;
        this.io = io;
        this.clock = clock;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<String> quantities() {
        return List.of(Quantities.TEMPERATURE);
    }

    @Override
    public List<Reading> read() {
        return List.of(readTemperature());
    }

    private Reading readTemperature() {
        Instant now = clock.instant();
        if (!io.exists(device)) {
            return Ds18b20Format.bad(id, now, "device " + device.getFileName() + " is not on the 1-Wire bus");
        }
        Path slave = device.resolve("w1_slave");
        boolean useSlave = file.equals("w1_slave") || (file.equals("auto") && io.exists(slave));
        try {
            if (useSlave) {
                return Ds18b20Format.parseW1Slave(id, io.read(slave), now);
            }
            return Ds18b20Format.parseTemperature(id, io.read(device.resolve("temperature")), now);
        } catch (IOException e) {
            return Ds18b20Format.bad(id, now, "read failed: " + SysfsValues.describe(e));
        }
    }

    /**
     * @param devices the {@code w1/devices} folder
     * @return the names of the DS18B20 folders present, sorted
     * @throws IOException if the folder cannot be listed (no 1-Wire bus)
     */
    static List<String> present(Path devices) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(devices, FAMILY + "*")) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        }
        names.sort(null);
        return names;
    }

    @Override
    public String toString() {
        return "DS18B20 " + id + " (" + device.getFileName() + ")";
    }
}
