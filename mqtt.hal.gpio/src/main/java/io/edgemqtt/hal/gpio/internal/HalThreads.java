package io.edgemqtt.hal.gpio.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The bundle's threads: one scheduler thread shared by every sampler, poller and debounce timer, and (created on first
 * use) one file watcher thread for GPIO edges. Both end when the bundle stops, because DS deactivates this component
 * after every component that uses it.
 */
@Component(service = HalThreads.class)
public final class HalThreads implements AutoCloseable {
    private static final Logger LOG = System.getLogger(HalThreads.class.getName());

    private final ScheduledThreadPoolExecutor scheduler;
    private FileWatcher watcher;
    private boolean closed;

    /** Starts the scheduler thread. */
    public HalThreads() {
        scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "edgemqtt-hal-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    /** @return the shared scheduler: tasks must be short and must not throw (see {@link #guarded}) */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * @return the shared file watcher, started on first use
     * @throws IOException if the platform has no file watching
     */
    public synchronized FileWatcher fileWatcher() throws IOException {
        if (closed) {
            throw new IOException("the hardware layer is stopping");
        }
        if (watcher == null) {
            watcher = new FileWatcher("edgemqtt-hal-watcher");
        }
        return watcher;
    }

    /**
     * Wraps a task so that an exception is logged instead of silently cancelling a periodic task.
     *
     * @param what names the task in the log
     * @param task the task
     * @return the guarded task
     */
    public static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, what + " failed", e);
            }
        };
    }

    /** Stops both threads and waits briefly for them. */
    @Override
    @Deactivate
    public void close() {
        FileWatcher toClose;
        synchronized (this) {
            closed = true;
            toClose = watcher;
            watcher = null;
        }
        scheduler.shutdownNow();
        if (toClose != null) {
            toClose.close();
        }
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "the hardware layer's scheduler thread did not end within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
