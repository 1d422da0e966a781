package io.edgemqtt.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moquette and Netty log through the embedded slf4j, bound to java.util.logging. They are chatty at INFO (bind
 * details, every thread pool), and the component writes its own one-line summary: while the broker runs, their
 * loggers are set to WARNING, unless the JUL configuration already gives them a level (then that one counts).
 */
final class QuietLibraryLogging {
    private static final List<String> LIBRARY_LOGGERS = List.of("io.moquette", "io.netty", "org.h2");

    /** JUL keeps loggers weakly: the ones changed here are held until {@link #restore()}. */
    private final List<Logger> changed = new ArrayList<>();

    synchronized void quiet() {
        for (String name : LIBRARY_LOGGERS) {
            Logger logger = Logger.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
                changed.add(logger);
            }
        }
    }

    synchronized void restore() {
        for (Logger logger : changed) {
            logger.setLevel(null);
        }
        changed.clear();
    }
}
