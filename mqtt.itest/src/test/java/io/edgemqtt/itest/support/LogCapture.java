package io.edgemqtt.itest.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures the log lines of the project's bundles (they log through {@code System.Logger}, which is
 * java.util.logging in these containers) so a test can await the line a refusal must produce.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** Every line captured, so a test that misses its line can say what was logged instead. */
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String line = record.getLevel() + " " + formatter.formatMessage(record);
            seen.add(line);
            lines.add(line);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    /** Starts capturing. */
    public LogCapture() {
        root.addHandler(handler);
    }

    /**
     * @param fragment text the line must contain
     * @return the first captured line containing it
     * @throws InterruptedException if interrupted
     */
    public String await(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Services.WAIT_SECONDS);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no log line containing '" + fragment + "' within " + Services.WAIT_SECONDS
                        + " s; the lines captured were: " + String.join(" | ", seen));
            }
            if (line.contains(fragment)) {
                return line;
            }
        }
    }

    @Override
    public void close() {
        root.removeHandler(handler);
    }
}
