package io.edgemqtt.impl.session;

import java.util.HashMap;
import java.util.Map;

/**
 * MQTT 5 topic aliases the client assigns to its own publishes (section 3.3.2.3.4), for one connection: at most {@code
 * capacity} aliases (the smaller of what the application allows and the broker's Topic Alias Maximum). A topic keeps
 * its alias while it is in use; when all are taken, the alias of the topic published least recently is given to the
 * new topic (LRU), so a steady set of hot topics keeps its aliases and a burst of one-off topics costs only the alias
 * it reuses.
 *
 * <p>Choosing an alias is split into {@link #lookUp} (no change) and {@link #commit}: the flow checks the packet's size
 * with the alias before anything is recorded, so a publish refused as too large leaves the mapping as it was. Loop
 * thread only; a new connection starts with a new instance (mappings never cross connections, MQTT-3.3.2-7).
 */
public final class OutboundTopicAliases {
    /** What to put in one PUBLISH. */
    public static final class Choice {
        /** The alias, 0 for none. */
        public final int alias;
        /** True if the broker already maps the alias to this topic: the topic may be left out. */
        public final boolean known;
        private final String topic;
        private final Slot evicted;

        private Choice(int alias, boolean known, String topic, Slot evicted) {
            this.alias = alias;
            this.known = known;
            this.topic = topic;
            this.evicted = evicted;
        }
    }

    private static final Choice NONE = new Choice(0, false, null, null);

    /** An alias in use, in a doubly linked list from least to most recently used. */
    private static final class Slot {
        final int alias;
        String topic;
        Slot older;
        Slot newer;

        Slot(int alias) {
            this.alias = alias;
        }
    }

    private final int capacity;
    private final Map<String, Slot> byTopic = new HashMap<>();
    private Slot oldest;
    private Slot newest;

    /**
     * @param capacity how many aliases may be assigned, 0 for none (1..65535 otherwise)
     */
    public OutboundTopicAliases(int capacity) {
        if (capacity < 0 || capacity > 65_535) {
            throw new IllegalArgumentException("topic alias capacity must be 0..65535, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** @return how many aliases may be assigned */
    public int capacity() {
        return capacity;
    }

    /** @return how many aliases are assigned */
    public int size() {
        return byTopic.size();
    }

    /**
     * @param topic the topic of a publish about to be sent
     * @return the alias to use: an existing one (topic may be omitted), a new or reused one (topic must be sent), or
     *     none when aliases are off
     */
    public Choice lookUp(String topic) {
        if (capacity == 0) {
            return NONE;
        }
        Slot slot = byTopic.get(topic);
        if (slot != null) {
            return new Choice(slot.alias, true, topic, null);
        }
        if (byTopic.size() < capacity) {
            return new Choice(byTopic.size() + 1, false, topic, null);
        }
        return new Choice(oldest.alias, false, topic, oldest);
    }

    /**
     * Records that a PUBLISH with this choice was sent.
     *
     * @param choice a result of {@link #lookUp} with no other change in between
     */
    public void commit(Choice choice) {
        if (choice.alias == 0) {
            return;
        }
        Slot slot;
        if (choice.known) {
            slot = byTopic.get(choice.topic);
            unlink(slot);
        } else if (choice.evicted != null) {
            slot = choice.evicted;
            unlink(slot);
            byTopic.remove(slot.topic);
            slot.topic = choice.topic;
            byTopic.put(choice.topic, slot);
        } else {
            slot = new Slot(choice.alias);
            slot.topic = choice.topic;
            byTopic.put(choice.topic, slot);
        }
        append(slot);
    }

    private void unlink(Slot slot) {
        if (slot.older != null) {
            slot.older.newer = slot.newer;
        } else {
            oldest = slot.newer;
        }
        if (slot.newer != null) {
            slot.newer.older = slot.older;
        } else {
            newest = slot.older;
        }
        slot.older = null;
        slot.newer = null;
    }

    private void append(Slot slot) {
        slot.older = newest;
        if (newest != null) {
            newest.newer = slot;
        } else {
            oldest = slot;
        }
        newest = slot;
    }
}
