package io.edgemqtt.impl.engine;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.edgemqtt.api.MessageHandler;
import io.edgemqtt.api.MqttMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A message handler that keeps what it receives, for tests to take with a bounded wait. */
public final class Inbox implements MessageHandler {
    private final LinkedBlockingQueue<MqttMessage> messages = new LinkedBlockingQueue<>();

    @Override
    public void onMessage(MqttMessage message) {
        messages.add(message);
    }

    public MqttMessage take() throws InterruptedException {
        MqttMessage message = messages.poll(TestClients.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(message, "no message arrived within " + TestClients.WAIT);
        return message;
    }

    public List<MqttMessage> take(int count) throws InterruptedException {
        List<MqttMessage> taken = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            taken.add(take());
        }
        return taken;
    }

    /** @return a message arriving within {@code millis}, or null: for asserting that nothing (more) arrives */
    public MqttMessage poll(long millis) throws InterruptedException {
        return messages.poll(millis, TimeUnit.MILLISECONDS);
    }

    public int size() {
        return messages.size();
    }
}
