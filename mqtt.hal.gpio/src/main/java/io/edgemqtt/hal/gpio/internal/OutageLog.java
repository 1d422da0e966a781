package io.edgemqtt.hal.gpio.internal;

import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttMessage;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs publish failures once per outage: the first failure after a success is logged with its cause, the following
 * ones are only counted, and the first success after them logs how many there were. A client that is offline buffers
 * publishes, so failures are rare (a full buffer, a closed client) but come in runs, one per sample. Thread-safe.
 */
public final class OutageLog {
    private final Logger log;
    private final String owner;
    private final AtomicLong failures = new AtomicLong();

    /**
     * @param log where to log
     * @param owner names the component in the lines, for example its PID
     */
    public OutageLog(Logger log, String owner) {
        this.log = log;
        this.owner = owner;
    }

    /**
     * @param what what failed, for example {@code publish to sensors/cpu/temperature}
     * @param cause why
     */
    public void failed(String what, String cause) {
        if (failures.getAndIncrement() == 0) {
            log.log(Level.WARNING, "{0}: {1} failed: {2}; publishing goes on, further failures are not logged until "
                    + "one succeeds", owner, what, cause);
        }
    }

    /**
     * Publishes and records how it went: a publish the client refuses at once (it is closed, say) and one that fails
     * later both count towards the outage; one that completes ends it.
     *
     * @param client the client to publish with
     * @param message the message
     * @param what names the publish in the failure line, for example {@code publish to sensors/cpu/temperature}
     */
    public void publish(MqttClient client, MqttMessage message, String what) {
        try {
            client.publish(message).whenComplete((result, failure) -> {
                if (failure == null) {
                    succeeded();
                } else {
                    failed(what, String.valueOf(failure.getMessage()));
                }
            });
        } catch (RuntimeException e) {
            failed(what, String.valueOf(e.getMessage()));
        }
    }

    /** Records a success; ends an outage with one line. */
    private void succeeded() {
        long failed = failures.getAndSet(0);
        if (failed > 0) {
            log.log(Level.INFO, "{0}: publishing works again after {1} failed publish(es)", owner, failed);
        }
    }

    /** @return true while failures are being counted */
    public boolean inOutage() {
        return failures.get() > 0;
    }
}
