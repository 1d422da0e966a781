package io.edgemqtt.impl.osgi;

import io.edgemqtt.api.ClientStatistics;
import io.edgemqtt.api.MessageHandler;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.PublishResult;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.whiteboard.WhiteboardProperties;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Gogo shell commands in scope {@code mqtt}: {@code status}, {@code pub}, {@code sub}, {@code unsub}. Options are parsed
 * here (no Gogo API import), so the bundle does not depend on the shell being there.
 */
@Component(service = MqttCommands.class, property = {
    "osgi.command.scope=mqtt",
    "osgi.command.function=status",
    "osgi.command.function=pub",
    "osgi.command.function=sub",
    "osgi.command.function=unsub"
})
public final class MqttCommands {
    private static final Duration ACK_WAIT = Duration.ofSeconds(30);

    private final BundleContext context;
    private final List<Named> clients = new CopyOnWriteArrayList<>();

    /** A client and its name. */
    private static final class Named {
        final MqttClient client;
        final String name;

        Named(MqttClient client, String name) {
            this.client = client;
            this.name = name;
        }
    }

    /**
     * @param context to register the temporary whiteboard handler of {@code mqtt:sub}
     */
    @Activate
    public MqttCommands(BundleContext context) {
        this.context = context;
    }

    @Reference(service = MqttClient.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindClient(MqttClient client, Map<String, Object> properties) {
        Object name = properties.get(MqttClient.NAME_PROPERTY);
        clients.add(new Named(client, name == null ? client.name() : name.toString()));
    }

    void unbindClient(MqttClient client) {
        clients.removeIf(named -> named.client == client);
    }

    /**
     * {@code mqtt:status}: every client with its state, server, session and counters.
     *
     * @return the report
     */
    public String status() {
        if (clients.isEmpty()) {
            return "no MQTT clients (add a conf/mqtt.client-NAME.cfg)";
        }
        StringBuilder out = new StringBuilder();
        List<Named> sorted = new ArrayList<>(clients);
        sorted.sort(Comparator.comparing(named -> named.name));
        for (Named named : sorted) {
            ClientStatistics stats = named.client.statistics();
            out.append(named.name).append(": ").append(stats.state())
                    .append(" server=").append(stats.serverUri().orElse("-"))
                    .append(" session=").append(stats.isSessionPresent() ? "resumed" : "new")
                    .append(" published=").append(stats.published())
                    .append(" received=").append(stats.received())
                    .append(" inFlight=").append(stats.inFlight())
                    .append(" buffered=").append(stats.buffered())
                    .append(" queued=").append(stats.receiveQueueDepth())
                    .append(" dropped=").append(stats.droppedMessages())
                    .append(" reconnects=").append(stats.reconnects())
                    .append(" lastError=").append(stats.lastError().orElse("-"))
                    .append('\n');
        }
        return out.toString();
    }

    /**
     * {@code mqtt:pub [-c CLIENT] [-q QOS] [-r] TOPIC PAYLOAD}: publishes and waits for the acknowledgement.
     *
     * @param args the command line
     * @return what happened
     * @throws InterruptedException if interrupted while waiting
     */
    public String pub(String... args) throws InterruptedException {
        CommandLine line = CommandLine.parse(args, "c:q:r", 2, "mqtt:pub [-c CLIENT] [-q QOS] [-r] TOPIC PAYLOAD");
        if (line.error != null) {
            return line.error;
        }
        Named named = choose(line.option('c'));
        if (named == null) {
            return noClient(line.option('c'));
        }
        Qos qos = Qos.of(line.intOption('q', 1));
        String topic = line.arguments.get(0);
        MqttMessage message = MqttMessage.builder(topic).payload(line.arguments.get(1)).qos(qos)
                .retain(line.flag('r')).build();
        try {
            PublishResult result = named.client.publishAndWait(message, ACK_WAIT);
            return "published to " + topic + " on " + named.name + " at QoS " + qos.value()
                    + (qos == Qos.AT_MOST_ONCE ? ": written" : ": acknowledged (" + result.reasonCode() + ")");
        } catch (RuntimeException e) {
            return "publish to " + topic + " on " + named.name + " failed: " + e.getMessage();
        }
    }

    /**
     * {@code mqtt:sub [-c CLIENT] [-q QOS] [-n COUNT] [-t SECONDS] FILTER}: prints each message as it arrives, until
     * COUNT messages (default: no limit) or SECONDS (default 10) have passed.
     *
     * @param args the command line
     * @throws InterruptedException if interrupted while waiting
     */
    public void sub(String... args) throws InterruptedException {
        PrintStream out = System.out; // the shell session's stream: printed on this thread only
        CommandLine line = CommandLine.parse(args, "c:q:n:t:", 1,
                "mqtt:sub [-c CLIENT] [-q QOS] [-n COUNT] [-t SECONDS] FILTER");
        if (line.error != null) {
            out.println(line.error);
            return;
        }
        Named named = choose(line.option('c'));
        if (named == null) {
            out.println(noClient(line.option('c')));
            return;
        }
        int count = line.intOption('n', Integer.MAX_VALUE);
        long seconds = line.intOption('t', 10);
        String filter = line.arguments.get(0);
        LinkedBlockingQueue<MqttMessage> arrived = new LinkedBlockingQueue<>();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(WhiteboardProperties.TOPIC, filter);
        properties.put(WhiteboardProperties.QOS, line.intOption('q', 1));
        properties.put(WhiteboardProperties.CLIENT, "(" + MqttClient.NAME_PROPERTY + "=" + escape(named.name) + ")");
        ServiceRegistration<MessageHandler> handler =
                context.registerService(MessageHandler.class, arrived::add, properties);
        try {
            out.println("subscribed to " + filter + " on " + named.name + " (" + (count == Integer.MAX_VALUE ? ""
                    : "up to " + count + " messages, ") + seconds + " s)");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            int received = 0;
            while (received < count) {
                long left = deadline - System.nanoTime();
                MqttMessage message = left <= 0 ? null : arrived.poll(left, TimeUnit.NANOSECONDS);
                if (message == null) {
                    break;
                }
                received++;
                out.println(message.topic() + " " + message.payloadAsString());
            }
            out.println(received + " message(s) received");
        } finally {
            handler.unregister();
        }
    }

    /**
     * {@code mqtt:unsub [-c CLIENT] FILTER}.
     *
     * @param args the command line
     * @return what happened
     * @throws InterruptedException if interrupted while waiting
     */
    public String unsub(String... args) throws InterruptedException {
        CommandLine line = CommandLine.parse(args, "c:", 1, "mqtt:unsub [-c CLIENT] FILTER");
        if (line.error != null) {
            return line.error;
        }
        Named named = choose(line.option('c'));
        if (named == null) {
            return noClient(line.option('c'));
        }
        String filter = line.arguments.get(0);
        try {
            named.client.unsubscribe(filter).toCompletableFuture().get(ACK_WAIT.toSeconds(), TimeUnit.SECONDS);
            return "unsubscribed from " + filter + " on " + named.name;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return "unsubscribe from " + filter + " on " + named.name + " failed: "
                    + (e.getCause() == null ? e : e.getCause()).getMessage();
        }
    }

    private Named choose(String name) {
        if (name == null) {
            return clients.size() == 1 ? clients.get(0) : null;
        }
        return clients.stream().filter(named -> named.name.equals(name)).findFirst().orElse(null);
    }

    private String noClient(String name) {
        if (name != null) {
            return "no MQTT client named '" + name + "'";
        }
        return clients.isEmpty() ? "no MQTT clients (add a conf/mqtt.client-NAME.cfg)"
                : "several MQTT clients: choose one with -c NAME";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }
}
