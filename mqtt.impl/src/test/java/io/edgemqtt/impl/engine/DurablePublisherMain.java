package io.edgemqtt.impl.engine;

import io.edgemqtt.api.ConnectOptions;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttClientFactory;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.Qos;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link KillDurabilityTest}: publishes QoS 1 messages with a file session store as fast as it
 * can and prints the number of each one {@code publish} accepted, until it is killed.
 */
public final class DurablePublisherMain {
    private DurablePublisherMain() {}

    /**
     * @param args broker URI, client id, persistence folder, topic, count
     * @throws Exception never expected: the process is killed
     */
    public static void main(String[] args) throws Exception {
        MqttClient client = MqttClientFactory.load()
                .newClient("durable", ConnectOptions.builder()
                        .serverUri(args[0])
                        .clientId(args[1])
                        .cleanStart(false)
                        .build())
                .persistenceDirectory(Path.of(args[2]))
                .build();
        client.connect();
        int count = Integer.parseInt(args[4]);
        for (int i = 0; i < count; i++) {
            client.publish(MqttMessage.of(args[3], "d" + i, Qos.AT_LEAST_ONCE));
            System.out.println("accepted " + i);
            System.out.flush();
        }
        System.out.println("done");
        System.out.flush();
        Thread.sleep(60_000); // wait to be killed
    }
}
