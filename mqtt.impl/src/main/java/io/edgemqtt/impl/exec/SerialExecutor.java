package io.edgemqtt.impl.exec;

import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks one at a time, in order, on a shared pool: each message handler and each client's listeners get one, so a
 * slow handler delays only its own work, and a few threads serve every client.
 */
public final class SerialExecutor implements Executor {
    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());
    private static final int BATCH = 256;

    private final Executor pool;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Runnable drain = this::drain;

    /**
     * @param pool the shared threads
     */
    public SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        if (pending.getAndIncrement() == 0) {
            submitDrain();
        }
    }

    /** @return tasks waiting or running */
    public int backlog() {
        return pending.get();
    }

    private void submitDrain() {
        try {
            pool.execute(drain);
        } catch (RejectedExecutionException e) {
            // The pool is shutting down: run what is left here, so completions are not lost.
            drain();
        }
    }

    private void drain() {
        for (int ran = 1; ; ran++) {
            Runnable task = queue.poll(); // never null: a task is queued before it is counted
            try {
                task.run();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.ERROR, "MQTT callback failed", e);
            }
            if (pending.decrementAndGet() == 0) {
                return;
            }
            if (ran == BATCH) {
                // Give other serial executors a turn on the shared threads, then continue.
                submitDrain();
                return;
            }
        }
    }
}
