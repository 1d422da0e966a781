package io.edgemqtt.impl.session;

import io.edgemqtt.api.MqttException;
import io.edgemqtt.api.MqttMessage;
import io.edgemqtt.api.OverflowPolicy;
import io.edgemqtt.api.PublishResult;
import io.edgemqtt.api.Qos;
import io.edgemqtt.api.ReasonCode;
import io.edgemqtt.api.spi.PersistedPublish;
import io.edgemqtt.impl.codec.MqttPacket;
import io.edgemqtt.impl.codec.PacketType;
import io.edgemqtt.impl.codec.Publish;
import io.edgemqtt.impl.codec.PublishFlow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The outgoing half of a session: publishes waiting to be sent (the offline buffer, and those beyond the in-flight
 * window), and QoS 1/2 publishes in flight with their acknowledgement flows. Keeps acceptance order on the wire and
 * across reconnects. Loop thread only.
 */
public final class OutboundFlow {
    /** Where the flow sends packets and reports outcomes. */
    public interface Sink {
        /** @return true if packets may be written now (connected, and the socket is not backlogged) */
        boolean canSend();

        /**
         * @param packet a packet to write
         */
        void send(MqttPacket packet);

        /**
         * @param entry a publish that is done
         * @param result its result
         */
        void completed(OutboundEntry entry, PublishResult result);

        /**
         * @param entry a publish that failed
         * @param failure why
         */
        void failed(OutboundEntry entry, MqttException failure);

        /**
         * @param packet a packet
         * @return its size on the wire, in bytes
         */
        int encodedSize(MqttPacket packet);
    }

    private final ArrayDeque<OutboundEntry> waiting = new ArrayDeque<>();
    private final ArrayDeque<OutboundEntry> inFlight = new ArrayDeque<>();
    private final PacketIds packetIds;
    private final GuardedStore store;
    private final Sink sink;
    private final int capacity;
    private final OverflowPolicy overflowPolicy;
    private int window;
    private final int configuredWindow;
    private SendLimits limits = SendLimits.NONE;
    private OutboundTopicAliases aliases = new OutboundTopicAliases(0);

    /**
     * @param packetIds the session's identifiers (shared with SUBSCRIBE/UNSUBSCRIBE)
     * @param store the session store
     * @param sink where packets and outcomes go
     * @param configuredWindow the configured in-flight window
     * @param capacity most publishes waiting
     * @param overflowPolicy what to do when more wait
     */
    public OutboundFlow(PacketIds packetIds, GuardedStore store, Sink sink, int configuredWindow, int capacity,
            OverflowPolicy overflowPolicy) {
        this.packetIds = packetIds;
        this.store = store;
        this.sink = sink;
        this.configuredWindow = configuredWindow;
        this.window = configuredWindow;
        this.capacity = capacity;
        this.overflowPolicy = overflowPolicy;
    }

    /**
     * Takes back what a session store kept from an earlier run: sent ones in flight with their ids, the rest waiting.
     *
     * @param restored the store's records, in order
     */
    public void restore(List<PersistedPublish> restored) {
        for (PersistedPublish record : restored) {
            OutboundEntry entry = new OutboundEntry(record.sequence(), record.message(), null);
            entry.packetId = record.packetId();
            entry.released = record.isReleased();
            if (entry.packetId != 0) {
                entry.sent = true;
                packetIds.claim(entry.packetId, entry);
                inFlight.add(entry);
            } else {
                waiting.add(entry);
            }
        }
    }

    /**
     * Queues an accepted publish, applying the overflow policy when full.
     *
     * @param entry the publish
     */
    public void enqueue(OutboundEntry entry) {
        if (waiting.size() >= capacity) {
            if (overflowPolicy == OverflowPolicy.DROP_OLDEST && !waiting.isEmpty()) {
                OutboundEntry oldest = waiting.poll();
                drop(oldest, "dropped: the offline buffer of " + capacity + " publishes was full (DROP_OLDEST)");
            } else {
                drop(entry, "refused: the offline buffer of " + capacity + " publishes is full (DROP_NEWEST)");
                return;
            }
        }
        waiting.add(entry);
    }

    private void drop(OutboundEntry entry, String why) {
        store.remove(entry);
        sink.failed(entry, new MqttException(ReasonCode.QUOTA_EXCEEDED,
                "publish to " + entry.message.topic() + " " + why));
    }

    /**
     * Sends waiting publishes while the window and the connection allow. Before a publish goes, its message expiry is
     * counted down by the time it waited (dropped, its stage failed, if none is left), it gets a topic alias if the
     * policy gives one, and its size is checked against the broker's maximum packet size (refused, nothing sent, if
     * larger).
     */
    public void pump() {
        while (!waiting.isEmpty() && sink.canSend()) {
            OutboundEntry entry = waiting.peek();
            boolean qos0 = entry.message.qos() == Qos.AT_MOST_ONCE;
            if (!qos0 && inFlight.size() >= window) {
                return;
            }
            waiting.poll();
            MqttMessage message = withRemainingExpiry(entry, false);
            if (message == null) {
                expired(entry);
                continue;
            }
            // The packet identifier's value does not change the size: check with a stand-in before allocating one.
            int sizingId = qos0 ? 0 : 1;
            OutboundTopicAliases.Choice alias = aliases.lookUp(message.topic());
            Publish publish = new Publish(message, sizingId, false, alias.alias, alias.known);
            if (tooLarge(publish)) {
                Publish plain = Publish.of(message, sizingId);
                if (alias.alias == 0 || tooLarge(plain)) {
                    refuseTooLarge(entry, plain);
                    continue;
                }
                publish = plain; // a new alias costs a few bytes; without it the publish just fits
            } else {
                aliases.commit(alias);
            }
            if (qos0) {
                sink.send(publish);
                sink.completed(entry, PublishResult.of(entry.message, ReasonCode.SUCCESS, null, List.of()));
                continue;
            }
            entry.packetId = packetIds.allocate(entry);
            entry.sent = true;
            inFlight.add(entry);
            store.update(entry);
            sink.send(new Publish(message, entry.packetId, false, publish.topicAlias(), publish.aliasOnly()));
        }
    }

    /**
     * @param entry a publish about to be sent
     * @param inFlight true for a resend of one the broker may already hold: it goes with at least one second left
     *     (dropping it would leave its packet identifier in an unknown state at the broker)
     * @return the message with its expiry interval lowered by the seconds it waited, or null if it expired
     */
    private MqttMessage withRemainingExpiry(OutboundEntry entry, boolean inFlight) {
        OptionalLong expiry = entry.message.messageExpiryInterval();
        if (!limits.messageExpiry() || expiry.isEmpty() || expiry.getAsLong() == 0) {
            return entry.message;
        }
        long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - entry.acceptedNanos);
        if (waited == 0) {
            return entry.message;
        }
        long remaining = expiry.getAsLong() - waited;
        if (remaining <= 0) {
            if (!inFlight) {
                return null;
            }
            remaining = 1;
        }
        return entry.message.toBuilder().messageExpiryInterval(remaining).build();
    }

    private void expired(OutboundEntry entry) {
        store.remove(entry);
        sink.failed(entry, new MqttException(ReasonCode.UNSPECIFIED_ERROR, "publish to '" + entry.message.topic()
                + "' dropped unsent: its message expiry interval of "
                + entry.message.messageExpiryInterval().getAsLong() + " s elapsed while it waited to be sent"));
    }

    private boolean tooLarge(Publish publish) {
        return limits.maximumPacketSize() > 0 && sink.encodedSize(publish) > limits.maximumPacketSize();
    }

    private void refuseTooLarge(OutboundEntry entry, Publish publish) {
        store.remove(entry);
        sink.failed(entry, new MqttException(ReasonCode.PACKET_TOO_LARGE, "publish to '" + entry.message.topic()
                + "' not sent: its packet of " + sink.encodedSize(publish) + " bytes is larger than the broker's"
                + " maximum packet size of " + limits.maximumPacketSize() + " bytes"));
    }

    /**
     * A connection was accepted. With the session resumed, unacknowledged publishes go again in their original order
     * with their ids (DUP set) and released ones as PUBREL (MQTT-4.4.0-1). Without it, the broker has forgotten them:
     * QoS 2 publishes it had already received (released) are done, the others are sent again as new publishes, so
     * nothing accepted is lost.
     *
     * @param sessionPresent whether the broker resumed the session
     * @param brokerReceiveMaximum the broker's receive maximum (65535 if none)
     */
    public void connected(boolean sessionPresent, int brokerReceiveMaximum) {
        connected(sessionPresent, new SendLimits(brokerReceiveMaximum, 0, 0, false));
    }

    /**
     * {@link #connected(boolean, int)} with everything the broker announced. Topic aliases start afresh; resent
     * publishes carry their topic (no alias) and their expiry counted down.
     *
     * @param sessionPresent whether the broker resumed the session
     * @param sendLimits what the broker allows on this connection
     */
    public void connected(boolean sessionPresent, SendLimits sendLimits) {
        limits = sendLimits;
        window = Math.min(configuredWindow, sendLimits.receiveMaximum());
        aliases = new OutboundTopicAliases(sendLimits.topicAliases());
        if (sessionPresent) {
            for (Iterator<OutboundEntry> it = inFlight.iterator(); it.hasNext(); ) {
                OutboundEntry entry = it.next();
                if (entry.released) {
                    sink.send(PublishFlow.of(PacketType.PUBREL, entry.packetId));
                    continue;
                }
                Publish again = new Publish(withRemainingExpiry(entry, true), entry.packetId, true, 0, false);
                if (tooLarge(again)) {
                    // Another broker (failover) with a smaller limit: it can never take this one.
                    it.remove();
                    packetIds.release(entry.packetId);
                    refuseTooLarge(entry, again);
                } else {
                    sink.send(again);
                }
            }
        } else {
            // Record by record, never a wholesale clear: publishes accepted on other threads meanwhile are in the
            // store already and must stay there.
            List<OutboundEntry> again = new ArrayList<>(inFlight.size());
            for (OutboundEntry entry : inFlight) {
                packetIds.release(entry.packetId);
                if (entry.released) {
                    store.remove(entry);
                    sink.completed(entry, PublishResult.of(entry.message, ReasonCode.SUCCESS, null, List.of()));
                } else {
                    entry.packetId = 0;
                    entry.sent = false;
                    store.update(entry);
                    again.add(entry);
                }
            }
            inFlight.clear();
            for (int i = again.size() - 1; i >= 0; i--) {
                waiting.addFirst(again.get(i));
            }
        }
        pump();
    }

    /**
     * @param ack a PUBACK
     */
    public void puback(PublishFlow ack) {
        OutboundEntry entry = inFlightEntry(ack.packetId(), Qos.AT_LEAST_ONCE);
        if (entry != null) {
            finish(entry, ack);
        }
    }

    /**
     * @param rec a PUBREC
     * @return true if it belonged to an in-flight QoS 2 publish (otherwise the caller answers per the spec)
     */
    public boolean pubrec(PublishFlow rec) {
        OutboundEntry entry = inFlightEntry(rec.packetId(), Qos.EXACTLY_ONCE);
        if (entry == null) {
            return false;
        }
        if (rec.reasonCode().isError()) {
            finish(entry, rec);
            return true;
        }
        if (!entry.released) {
            entry.released = true;
            store.update(entry);
        }
        sink.send(PublishFlow.of(PacketType.PUBREL, entry.packetId));
        return true;
    }

    /**
     * @param comp a PUBCOMP
     */
    public void pubcomp(PublishFlow comp) {
        OutboundEntry entry = inFlightEntry(comp.packetId(), Qos.EXACTLY_ONCE);
        if (entry != null && entry.released) {
            finish(entry, comp);
        }
    }

    private OutboundEntry inFlightEntry(int packetId, Qos qos) {
        Object owner = packetIds.owner(packetId);
        if (owner instanceof OutboundEntry && ((OutboundEntry) owner).message.qos() == qos) {
            return (OutboundEntry) owner;
        }
        return null;
    }

    private void finish(OutboundEntry entry, PublishFlow ack) {
        packetIds.release(entry.packetId);
        if (inFlight.peekFirst() == entry) {
            inFlight.pollFirst();
        } else {
            inFlight.remove(entry);
        }
        store.remove(entry);
        if (ack.reasonCode().isError()) {
            sink.failed(entry, new MqttException(ack.reasonCode(), "broker refused the publish to "
                    + entry.message.topic() + " with " + ack.reasonCode(), ack.reasonString(), ack.userProperties()));
        } else {
            sink.completed(entry, PublishResult.of(entry.message, ack.reasonCode(), ack.reasonString(),
                    ack.userProperties()));
        }
        pump();
    }

    /**
     * Fails every publish still held (the client is closing). Kept in the store for a later run.
     *
     * @param cause why
     */
    public void failAll(MqttException cause) {
        for (OutboundEntry entry : inFlight) {
            sink.failed(entry, cause);
        }
        for (OutboundEntry entry : waiting) {
            sink.failed(entry, cause);
        }
        inFlight.clear();
        waiting.clear();
    }

    /** @return QoS 1/2 publishes sent and not acknowledged */
    public int inFlightCount() {
        return inFlight.size();
    }

    /** @return publishes accepted and not sent yet */
    public int waitingCount() {
        return waiting.size();
    }
}
