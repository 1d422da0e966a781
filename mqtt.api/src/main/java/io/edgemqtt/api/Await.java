package io.edgemqtt.api;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a client stage and turns its failure back into the {@link MqttException} it carries. */
final class Await {
    private Await() {}

    static <T> T result(CompletionStage<T> stage, Duration timeout, String what) throws InterruptedException {
        try {
            return stage.toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause(), what);
        } catch (TimeoutException e) {
            throw new MqttException(ReasonCode.UNSPECIFIED_ERROR, what + " did not complete within " + timeout, e);
        }
    }

    private static MqttException unwrap(Throwable failure, String what) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (cause instanceof MqttException) {
            return (MqttException) cause;
        }
        return new MqttException(ReasonCode.UNSPECIFIED_ERROR, what + " failed: " + cause, cause);
    }
}
