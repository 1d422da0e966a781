package io.edgemqtt.impl.exec;

import io.edgemqtt.impl.io.EventLoop;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few threads every client shares: one I/O loop and a small callback pool. Started with the first client and
 * stopped with the last, so a stopped bundle or a closed set of clients leaves no thread behind.
 */
public final class EngineThreads {
    private static final Object LOCK = new Object();
    private static EngineThreads shared;
    private static int users;

    private final EventLoop loop;
    private final ThreadPoolExecutor callbacks;

    private EngineThreads() {
        this.loop = new EventLoop("mqtt-io");
        int size = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "mqtt-callback-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.callbacks = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        callbacks.allowCoreThreadTimeOut(true);
    }

    /** @return the shared threads, started if this is the first user; pair with {@link #release()} */
    public static EngineThreads acquire() {
        synchronized (LOCK) {
            if (shared == null) {
                shared = new EngineThreads();
            }
            users++;
            return shared;
        }
    }

    /** Gives the threads back; the last user stops them (waiting a few seconds for them to end). */
    public void release() {
        EngineThreads stopping = null;
        synchronized (LOCK) {
            if (shared == this && --users == 0) {
                stopping = shared;
                shared = null;
            }
        }
        if (stopping != null) {
            stopping.loop.close();
            stopping.callbacks.shutdown();
            if (Thread.currentThread().getName().startsWith("mqtt-callback-")) {
                return; // closed from a callback: this thread ends once the callback returns
            }
            try {
                stopping.callbacks.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return the I/O loop */
    public EventLoop loop() {
        return loop;
    }

    /** @return the callback pool */
    public ExecutorService callbacks() {
        return callbacks;
    }
}
