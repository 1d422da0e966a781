package io.edgemqtt.impl.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the mosquitto executable and its dynamic-security plugin are on this machine.
 *
 * <p>Debian installs {@code /usr/sbin/mosquitto}, which is not on a normal user's PATH, and the plugin under the
 * multiarch folder ({@code /usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so}, {@code aarch64-linux-gnu} on a
 * Pi). System properties {@code mosquitto.executable} and {@code mosquitto.dynsec.plugin} override the search.
 */
public final class MosquittoInstallation {

    /** System property naming the mosquitto executable. */
    public static final String EXECUTABLE_PROPERTY = "mosquitto.executable";
    /** System property naming the dynamic-security plugin ({@code mosquitto_dynamic_security.so}). */
    public static final String DYNSEC_PLUGIN_PROPERTY = "mosquitto.dynsec.plugin";

    private static final String PLUGIN_FILE = "mosquitto_dynamic_security.so";

    private MosquittoInstallation() {
    }

    /** @return the mosquitto executable, if installed */
    public static Optional<Path> executable() {
        String configured = System.getProperty(EXECUTABLE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path path = Paths.get(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        List<Path> folders = new ArrayList<>();
        String pathVariable = System.getenv("PATH");
        if (pathVariable != null) {
            for (String entry : pathVariable.split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    folders.add(Paths.get(entry));
                }
            }
        }
        for (String folder : List.of("/usr/sbin", "/usr/local/sbin", "/sbin", "/opt/homebrew/sbin")) {
            folders.add(Paths.get(folder));
        }
        return folders.stream().map(folder -> folder.resolve("mosquitto")).filter(Files::isExecutable).findFirst();
    }

    /** @return whether a mosquitto executable was found */
    public static boolean isInstalled() {
        return executable().isPresent();
    }

    /** @return the dynamic-security plugin, if installed */
    public static Optional<Path> dynamicSecurityPlugin() {
        String configured = System.getProperty(DYNSEC_PLUGIN_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path path = Paths.get(configured);
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        for (String lib : List.of("/usr/lib", "/usr/lib64", "/usr/local/lib", "/opt/homebrew/lib")) {
            Path folder = Paths.get(lib);
            candidates.add(folder.resolve(PLUGIN_FILE));
            candidates.add(folder.resolve("mosquitto").resolve(PLUGIN_FILE));
            if (Files.isDirectory(folder)) {
                // multiarch: /usr/lib/<triplet>/mosquitto_dynamic_security.so
                try (DirectoryStream<Path> children = Files.newDirectoryStream(folder, "*-*-*")) {
                    for (Path child : children) {
                        candidates.add(child.resolve(PLUGIN_FILE));
                    }
                } catch (IOException e) {
                    // unreadable folder: not where the plugin is
                }
            }
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }
}
