package io.edgemqtt.benchmark;

import java.nio.ByteBuffer;

/**
 * What a scenario needs from a client library: connect a client, subscribe it, publish asynchronously. One
 * implementation per library, each as plain as that library's documented asynchronous API allows, so the figures
 * measure the library and not this harness.
 */
interface Driver {
    /** Receives the payload of every message delivered to a subscriber; must not keep the buffer. */
    @FunctionalInterface
    interface Receiver {
        void received(ByteBuffer payload);
    }

    /** One connected client. */
    interface Connection extends AutoCloseable {
        /** Subscribes and waits for the broker's answer. */
        void subscribe(String filter, int qos) throws Exception;

        /**
         * Publishes without waiting.
         *
         * @param done run once the library reports the publish complete for its QoS (written for QoS 0, PUBACK,
         *     PUBCOMP), or failed ({@code failure} non-null)
         */
        void publish(String topic, byte[] payload, int qos, Completion done);

        /** @return the library's own counters, if it has any, for the log when a cell looks wrong */
        default String diagnostics() {
            return "";
        }

        @Override
        void close();
    }

    @FunctionalInterface
    interface Completion {
        void completed(Throwable failure);
    }

    /** @return a connected client; {@code receiver} (may be null) gets what its subscriptions deliver */
    Connection connect(String clientId, Receiver receiver) throws Exception;

    /** Releases what the library shares between clients, if anything. */
    default void shutdown() {}

    /** Creates the driver of a library by its short name. Each library's classes are loaded only when chosen. */
    static Driver of(String library, int port, int window) {
        switch (library) {
            case "edge":
                return new EdgeDriver(port, window);
            case "paho":
                return new PahoDriver(port, window);
            case "hivemq":
                return new HiveMqDriver(port);
            case "limit":
                return new RawDriver(port, window);
            default:
                throw new IllegalArgumentException("unknown library " + library);
        }
    }
}
