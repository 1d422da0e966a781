package io.edgemqtt.impl.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the store logs through System.Logger (backed by java.util.logging in tests). */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger(FileSessionStore.class.getName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private final boolean parentHandlers = logger.getUseParentHandlers();

    LogCapture() {
        logger.addHandler(this);
        logger.setUseParentHandlers(false); // expected reports need not clutter the build output
    }

    List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(parentHandlers);
    }
}
