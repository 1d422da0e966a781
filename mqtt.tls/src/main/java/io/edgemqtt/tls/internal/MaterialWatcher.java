package io.edgemqtt.tls.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Polls the certificate and key files of every profile on one thread per bundle, and tells a profile when its files
 * changed. Polling (not a WatchService) because certificates are often replaced by renaming a folder or a symbolic link
 * (Kubernetes, certbot), which a watch on the files' folder misses; the files are small, so each poll compares content
 * digests. A change is reported once the files stay the same for one more poll, so that a certificate and key written
 * one after the other are picked up together.
 *
 * <p>The component stops its thread when it is deactivated, at the latest when the bundle stops.
 */
@Component(service = MaterialWatcher.class)
public final class MaterialWatcher implements AutoCloseable {
    /** Framework property: milliseconds between polls (default 2000). */
    public static final String INTERVAL_PROPERTY = "mqtt.tls.watch.interval.ms";
    private static final long DEFAULT_INTERVAL_MILLIS = 2000;
    private static final Logger LOG = System.getLogger(MaterialWatcher.class.getName());

    private final ScheduledExecutorService thread;
    private final List<Watch> watches = new CopyOnWriteArrayList<>();

    /** @param context the bundle context, for {@value #INTERVAL_PROPERTY} */
    @Activate
    public MaterialWatcher(BundleContext context) {
        this(Duration.ofMillis(interval(context.getProperty(INTERVAL_PROPERTY))));
    }

    /** @param interval time between polls */
    public MaterialWatcher(Duration interval) {
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "mqtt.tls file watcher");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(10, interval.toMillis());
        thread.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }

    private static long interval(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT_INTERVAL_MILLIS;
        }
        try {
            return Long.parseLong(configured.trim());
        } catch (NumberFormatException e) {
            LOG.log(Level.WARNING, "framework property " + INTERVAL_PROPERTY + "=" + configured
                    + " is not a number of milliseconds; using " + DEFAULT_INTERVAL_MILLIS);
            return DEFAULT_INTERVAL_MILLIS;
        }
    }

    /**
     * @param files the files to watch (missing ones too: their appearance is a change)
     * @param onChange called on the watcher thread after the files changed and then stayed the same for one poll
     * @return the watch; close it to stop
     */
    public AutoCloseable watch(List<Path> files, Runnable onChange) {
        Watch watch = new Watch(List.copyOf(files), onChange);
        watches.add(watch);
        return () -> watches.remove(watch);
    }

    private void poll() {
        for (Watch watch : watches) {
            try {
                watch.poll();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "TLS file watcher: a profile failed to reload", e);
            }
        }
    }

    /** Stops the thread. */
    @Deactivate
    @Override
    public void close() {
        watches.clear();
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "TLS file watcher did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Watch {
        private final List<Path> files;
        private final Runnable onChange;
        private Map<Path, String> accepted;
        private Map<Path, String> candidate;

        Watch(List<Path> files, Runnable onChange) {
            this.files = files;
            this.onChange = onChange;
            this.accepted = digests(files);
        }

        void poll() {
            Map<Path, String> now = digests(files);
            if (now.equals(accepted)) {
                candidate = null;
            } else if (now.equals(candidate)) {
                accepted = now;
                candidate = null;
                if (watches.contains(this)) {
                    onChange.run();
                }
            } else {
                candidate = now;
            }
        }
    }

    private static Map<Path, String> digests(List<Path> files) {
        Map<Path, String> digests = new java.util.LinkedHashMap<>();
        for (Path file : files) {
            digests.put(file, digest(file));
        }
        return digests;
    }

    private static String digest(Path file) {
        try {
            byte[] content = Files.readAllBytes(file);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String digest = Arrays.toString(sha.digest(content));
            Arrays.fill(content, (byte) 0);
            return digest;
        } catch (NoSuchFileException e) {
            return "missing";
        } catch (IOException e) {
            return "unreadable: " + e.getClass().getSimpleName();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
