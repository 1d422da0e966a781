package io.edgemqtt.impl.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttMessage;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Bounded waits for tests: on a stage, on the receive queue. */
public final class Await {
    private Await() {}

    /**
     * @param stage a client operation
     * @param <T> its result type
     * @return its result
     * @throws Exception its failure, or a timeout after {@link TestClients#WAIT}
     */
    public static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * @param stage a client operation expected to fail
     * @return why it failed (unwrapped)
     * @throws AssertionError if it succeeded or did not end within {@link TestClients#WAIT}
     */
    public static Throwable failure(CompletionStage<?> stage) throws InterruptedException {
        try {
            Object result = stage.toCompletableFuture().get(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + result);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("did not end within " + TestClients.WAIT);
        }
    }

    /**
     * Takes the next message from the receive queue, waiting for the receive notification.
     *
     * @param client the client
     * @return the message
     * @throws InterruptedException if interrupted
     */
    public static MqttMessage pollQueue(MqttClient client) throws InterruptedException {
        Optional<MqttMessage> message = client.poll();
        if (message.isPresent()) {
            return message.get();
        }
        CountDownLatch arrived = new CountDownLatch(1);
        client.setReceiveListener((c, depth) -> arrived.countDown());
        try {
            message = client.poll(); // it may have arrived before the listener was set
            if (message.isEmpty()) {
                assertTrue(arrived.await(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS), "nothing queued in time");
                message = client.poll();
            }
        } finally {
            client.setReceiveListener(null);
        }
        return message.orElseThrow();
    }
}
