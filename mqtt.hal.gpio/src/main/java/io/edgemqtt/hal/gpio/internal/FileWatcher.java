package io.edgemqtt.hal.gpio.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One {@link WatchService} and one thread for every watched folder of the bundle. On Linux the kernel signals a
 * GPIO edge on sysfs with a modification of the pin's {@code value} file, which inotify (and so the watch service)
 * sees as a change in the pin folder.
 */
public final class FileWatcher implements AutoCloseable {
    private static final Logger LOG = System.getLogger(FileWatcher.class.getName());

    private final WatchService service;
    private final Thread thread;
    private final Map<WatchKey, List<Watch>> watches = new ConcurrentHashMap<>();

    /**
     * @param threadName the name of the watcher thread
     * @throws IOException if the platform has no file watching
     */
    public FileWatcher(String threadName) throws IOException {
        service = FileSystems.getDefault().newWatchService();
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Calls {@code onChange} with the name of each entry of {@code folder} that is created or modified.
     *
     * @param folder the folder to watch (not its subfolders)
     * @param onChange called on the watcher thread; must be quick
     * @return closed to stop watching
     * @throws IOException if the folder cannot be watched
     */
    public AutoCloseable watch(Path folder, Consumer<Path> onChange) throws IOException {
        WatchKey key = folder.register(service, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_CREATE);
        Watch watch = new Watch(onChange);
        watches.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(watch);
        return () -> {
            List<Watch> list = watches.get(key);
            if (list != null) {
                list.remove(watch);
                if (list.isEmpty()) {
                    watches.remove(key);
                    key.cancel();
                }
            }
        };
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = service.take();
                List<Watch> list = watches.get(key);
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (list == null || !(event.context() instanceof Path)) {
                        continue; // an overflow: the pollers catch up
                    }
                    for (Watch watch : list) {
                        try {
                            watch.onChange.accept((Path) event.context());
                        } catch (RuntimeException e) {
                            LOG.log(Level.ERROR, "a file watch callback failed", e);
                        }
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    /** Stops the thread and waits briefly for it. */
    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the watch service", e);
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Watch {
        final Consumer<Path> onChange;

        Watch(Consumer<Path> onChange) {
            this.onChange = onChange;
        }
    }
}
