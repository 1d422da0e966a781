package io.edgemqtt.hal.gpio.internal.output;

import io.edgemqtt.api.MessageHandler;
import io.edgemqtt.api.MqttClient;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.Qos;
import io.edgemqtt.hal.gpio.api.DigitalOutput;
import io.edgemqtt.hal.gpio.internal.ConfigException;
import io.edgemqtt.hal.gpio.internal.Json;
import io.edgemqtt.hal.gpio.internal.OutageLog;
import io.edgemqtt.hal.gpio.internal.SysfsValues;
import io.edgemqtt.hal.gpio.internal.TopicTemplate;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The logic of one {@code mqtt.gpio.output} configuration, without OSGi: takes commands from the command topic,
 * refuses those for outputs that are not allowed or with values that are not accepted (one log line each), applies
 * the others, and publishes each output's resulting level, retained, on its state topic. Thread-safe.
 */
final class OutputController implements MessageHandler {
    /** What to do with the outputs when the controller stops. */
    enum SafeState {
        OFF, ON, KEEP
    }

    private final String owner;
    private final Set<String> allowed;
    private final CommandTopic commandTopic;
    private final TopicTemplate stateTopic;
    private final Qos qos;
    private final Set<String> onWords;
    private final Set<String> offWords;
    private final SafeState safeState;
    private final Supplier<MqttClient> client;
    private final Clock clock;
    private final Logger log;
    private final OutageLog outages;
    private final Map<String, DigitalOutput> outputs = new ConcurrentHashMap<>();

    OutputController(String owner, Set<String> allowed, CommandTopic commandTopic, TopicTemplate stateTopic, Qos qos,
            Set<String> onWords, Set<String> offWords, SafeState safeState, Supplier<MqttClient> client, Clock clock,
            Logger log) {
        this.owner = owner;
        this.allowed = new TreeSet<>(allowed);
        this.commandTopic = commandTopic;
        this.stateTopic = stateTopic;
        this.qos = qos;
        this.onWords = new TreeSet<>(onWords);
        this.offWords = new TreeSet<>(offWords);
        this.safeState = safeState;
        this.client = client;
        this.clock = clock;
        this.log = log;
        this.outages = new OutageLog(log, owner);
    }

    /** @return the topic filter to subscribe to */
    String subscriptionFilter() {
        return commandTopic.filter();
    }

    /**
     * An output service appeared; it is used if allowed, and its state is published.
     *
     * @param output the output
     */
    void outputAdded(DigitalOutput output) {
        if (allowed.contains(output.id()) && outputs.putIfAbsent(output.id(), output) == null) {
            synchronized (this) {
                publishState(output);
            }
        }
    }

    /** @param output an output service that went away */
    void outputRemoved(DigitalOutput output) {
        outputs.remove(output.id(), output);
    }

    /** A client appeared: publish every output's state so the retained states are right. */
    synchronized void clientAdded() {
        for (DigitalOutput output : outputs.values()) {
            publishState(output);
        }
    }

    @Override
    public void onMessage(MqttMessage message) {
        String topic = message.topic();
        Optional<String> topicId = commandTopic.idOf(topic);
        Command command;
        try {
            command = Command.parse(message.payloadAsString(), onWords, offWords);
        } catch (IllegalArgumentException e) {
            log.log(Level.WARNING, "{0}: refused command on ''{1}'': payload {2}", owner, topic, e.getMessage());
            return;
        }
        String id;
        if (commandTopic.hasId()) {
            if (topicId.isEmpty()) {
                log.log(Level.WARNING, "{0}: refused command on ''{1}'': the topic does not match ''{2}''", owner,
                        topic, commandTopic);
                return;
            }
            id = topicId.get();
            if (command.id().isPresent() && !command.id().get().equals(id)) {
                log.log(Level.WARNING, "{0}: refused command on ''{1}'': the payload names output ''{2}'', the "
                        + "topic ''{3}''", owner, topic, Command.abbreviate(command.id().get()), id);
                return;
            }
        } else if (command.id().isPresent()) {
            id = command.id().get();
        } else {
            log.log(Level.WARNING, "{0}: refused command on ''{1}'': no output named (the topic has no '{id}', so "
                    + "the payload must be JSON with \"id\")", owner, topic);
            return;
        }
        if (!allowed.contains(id)) {
            log.log(Level.WARNING, "{0}: refused command on ''{1}'': output ''{2}'' is not allowed (outputs: {3})",
                    owner, topic, Command.abbreviate(id), allowed);
            return;
        }
        DigitalOutput output = outputs.get(id);
        if (output == null) {
            log.log(Level.WARNING, "{0}: refused command on ''{1}'': output ''{2}'' is allowed but no DigitalOutput "
                    + "service with that hal.id is available", owner, topic, id);
            return;
        }
        synchronized (this) {
            try {
                output.write(command.level());
            } catch (IOException e) {
                log.log(Level.WARNING, "{0}: command on ''{1}'' failed: cannot drive output {2}: {3}", owner, topic,
                        id, SysfsValues.describe(e));
            }
            publishState(output);
        }
    }

    /** Drives every output to the safe state (unless it is {@code keep}) and publishes the states. */
    synchronized void driveToSafeState() {
        if (safeState == SafeState.KEEP) {
            return;
        }
        List<String> driven = new ArrayList<>();
        for (DigitalOutput output : outputs.values()) {
            try {
                output.write(safeState == SafeState.ON);
                driven.add(output.id());
            } catch (IOException e) {
                log.log(Level.ERROR, "{0}: cannot drive output {1} to its safe state {2}: {3}", owner, output.id(),
                        safeState.name().toLowerCase(), SysfsValues.describe(e));
            }
            publishState(output);
        }
        if (!driven.isEmpty()) {
            log.log(Level.INFO, "{0}: outputs {1} driven to their safe state {2}", owner, driven,
                    safeState.name().toLowerCase());
        }
    }

    private void publishState(DigitalOutput output) {
        Json payload = Json.object().field("ts", clock.millis());
        try {
            payload.field("value", output.read() ? 1 : 0).field("quality", "GOOD");
        } catch (IOException e) {
            payload.field("value", (String) null).field("quality", "BAD").field("reason", SysfsValues.describe(e));
        }
        String topic = stateTopic.expand(Map.of("id", output.id()));
        MqttClient target = client.get();
        if (target == null) {
            return; // not an outage: every state is published when a client appears
        }
        MqttMessage message = MqttMessage.builder(topic).payload(payload.toString()).qos(qos).retain(true)
                .contentType("application/json").payloadUtf8(true).build();
        outages.publish(target, message, "state publish to " + topic);
    }

    /** A command topic template with at most one {@code {id}} level. Immutable. */
    static final class CommandTopic {
        private final String template;
        private final String[] levels;
        private final int idLevel;

        private CommandTopic(String template, String[] levels, int idLevel) {
            this.template = template;
            this.levels = levels;
            this.idLevel = idLevel;
        }

        /**
         * @param property the property name, for errors
         * @param template for example {@code gpio/{id}/set}
         * @return the topic
         * @throws ConfigException if it is not a valid topic, has another placeholder, or {@code {id}} is not a whole
         *     level or appears twice
         */
        static CommandTopic parse(String property, String template) throws ConfigException {
            TopicTemplate.parse(property, template, Set.of("id"));
            String[] levels = template.split("/", -1);
            int idLevel = -1;
            for (int i = 0; i < levels.length; i++) {
                if (levels[i].equals("{id}")) {
                    if (idLevel >= 0) {
                        throw new ConfigException(property, "has {id} twice: '" + template + "'");
                    }
                    idLevel = i;
                } else if (levels[i].contains("{id}")) {
                    throw new ConfigException(property, "must have {id} as a whole topic level, was '" + template
                            + "'");
                }
            }
            return new CommandTopic(template, levels, idLevel);
        }

        boolean hasId() {
            return idLevel >= 0;
        }

        String filter() {
            if (idLevel < 0) {
                return template;
            }
            String[] filter = levels.clone();
            filter[idLevel] = "+";
            return String.join("/", filter);
        }

        /**
         * @param topic a received topic
         * @return the output's id from the {@code {id}} level, if the topic matches the template
         */
        Optional<String> idOf(String topic) {
            if (idLevel < 0) {
                return Optional.empty();
            }
            String[] received = topic.split("/", -1);
            if (received.length != levels.length) {
                return Optional.empty();
            }
            for (int i = 0; i < levels.length; i++) {
                if (i != idLevel && !levels[i].equals(received[i])) {
                    return Optional.empty();
                }
            }
            return Optional.of(received[idLevel]);
        }

        @Override
        public String toString() {
            return template;
        }
    }
}
