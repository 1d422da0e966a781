package io.edgemqtt.hal.gpio.internal.hwmon;

import io.edgemqtt.hal.gpio.internal.SysfsIo;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Finds hwmon devices ({@code /sys/class/hwmon/hwmonN}) by their {@code name}. */
final class Hwmon {
    private Hwmon() {}

    /**
     * @param classHwmon the {@code class/hwmon} folder
     * @param name the device's {@code name} attribute, for example {@code cpu_thermal}
     * @param io reads the attributes
     * @return the first device folder with that name, by folder name
     * @throws IOException if there is none (naming the devices present)
     */
    static Path find(Path classHwmon, String name, SysfsIo io) throws IOException {
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(classHwmon, "hwmon*")) {
            entries.forEach(folders::add);
        } catch (IOException e) {
            throw new IOException("no hwmon devices: cannot list " + classHwmon, e);
        }
        Collections.sort(folders);
        List<String> seen = new ArrayList<>();
        for (Path folder : folders) {
            try {
                String found = io.read(folder.resolve("name"));
                if (found.equals(name)) {
                    return folder;
                }
                seen.add(found);
            } catch (IOException e) {
                // a device without a readable name is not the one we want
            }
        }
        throw new IOException("no hwmon device named '" + name + "' (present: " + seen + ")");
    }
}
