package io.edgemqtt.impl.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One selector thread that owns the sockets and protocol state of many clients: all of a client's network and session
 * work runs here, so that state needs no locks, and a few hundred connections cost one thread. Other threads hand work
 * in with {@link #execute(Runnable)}; timers run here too.
 *
 * <p>Nothing slow may run on this thread: user callbacks go to the callback executor.
 */
public final class EventLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile boolean running = true;
    private long timerSequence;

    /**
     * @param threadName name of the loop thread
     */
    public EventLoop(String threadName) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** @return true when called on the loop thread */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs {@code task} on the loop thread, after the tasks handed in before it.
     *
     * @param task the work
     */
    public void execute(Runnable task) {
        tasks.add(task);
        // One wakeup per batch of tasks: selector.wakeup() costs a system call.
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /**
     * Runs {@code task} on the loop thread after {@code delayNanos}. Call on the loop thread only.
     *
     * @param delayNanos delay
     * @param task the work
     * @return a handle to cancel it
     */
    public Timer schedule(long delayNanos, Runnable task) {
        assert inLoop();
        Timer timer = new Timer(System.nanoTime() + delayNanos, timerSequence++, task);
        timers.add(timer);
        return timer;
    }

    /**
     * Registers a channel with the selector. Call on the loop thread only.
     *
     * @param channel a non-blocking channel
     * @param ops interest set
     * @param handler told when the channel is ready
     * @return the key
     * @throws IOException if the channel cannot be registered
     */
    public SelectionKey register(SelectableChannel channel, int ops, ChannelHandler handler) throws IOException {
        assert inLoop();
        return channel.register(selector, ops, handler);
    }

    private void run() {
        try {
            while (running) {
                long timeoutMillis = runDueTimers();
                wakeupPending.set(false);
                if (!tasks.isEmpty()) {
                    selector.selectNow();
                } else if (timeoutMillis == 0) {
                    selector.select();
                } else {
                    selector.select(timeoutMillis);
                }
                wakeupPending.set(true); // tasks added from now on will be seen without a wakeup
                for (SelectionKey key : selector.selectedKeys()) {
                    dispatch(key);
                }
                selector.selectedKeys().clear();
                runTasks();
            }
        } catch (ClosedSelectorException e) {
            // closed underneath us: nothing left to do
        } catch (IOException | RuntimeException | Error e) {
            LOG.log(Level.ERROR, "MQTT I/O loop " + thread.getName() + " failed", e);
        } finally {
            for (SelectionKey key : selector.keys()) {
                ChannelHandler handler = (ChannelHandler) key.attachment();
                try {
                    handler.loopClosed();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "error while closing a connection", e);
                }
            }
            try {
                selector.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing selector", e);
            }
            terminated.countDown();
        }
    }

    private static void dispatch(SelectionKey key) {
        ChannelHandler handler = (ChannelHandler) key.attachment();
        try {
            if (!key.isValid()) {
                return;
            }
            int ready = key.readyOps();
            if ((ready & SelectionKey.OP_CONNECT) != 0) {
                handler.connectable();
            }
            if (key.isValid() && (ready & SelectionKey.OP_WRITE) != 0) {
                handler.writable();
            }
            if (key.isValid() && (ready & SelectionKey.OP_READ) != 0) {
                handler.readable();
            }
        } catch (RuntimeException e) {
            handler.failed(e);
        }
    }

    private void runTasks() {
        Runnable task;
        // Bounded so a producer that keeps adding cannot starve the selector.
        for (int i = 0; i < 4096 && (task = tasks.poll()) != null; i++) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "MQTT I/O task failed", e);
            }
        }
    }

    /** @return milliseconds until the next timer, 0 for none (select without limit) */
    private long runDueTimers() {
        while (true) {
            Timer next = timers.peek();
            if (next == null) {
                return 0;
            }
            if (next.cancelled) {
                timers.poll();
                continue;
            }
            long wait = next.deadline - System.nanoTime();
            if (wait > 0) {
                return Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999));
            }
            timers.poll();
            try {
                next.task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "MQTT timer task failed", e);
            }
        }
    }

    /**
     * Stops the loop: every registered connection is told {@link ChannelHandler#loopClosed()}, then the thread ends.
     * Waits up to 5 seconds for the thread.
     */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (!inLoop()) {
            try {
                if (!terminated.await(5, TimeUnit.SECONDS)) {
                    LOG.log(Level.WARNING, "MQTT I/O loop " + thread.getName() + " did not stop within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A scheduled task; cancel it to keep it from running. */
    public static final class Timer implements Comparable<Timer> {
        private final long deadline;
        private final long sequence;
        private final Runnable task;
        private boolean cancelled;

        private Timer(long deadline, long sequence, Runnable task) {
            this.deadline = deadline;
            this.sequence = sequence;
            this.task = task;
        }

        /** Keeps the task from running. Call on the loop thread only. */
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer other) {
            int byDeadline = Long.compare(deadline - other.deadline, 0);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }
}
