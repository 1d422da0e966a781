package io.edgemqtt.impl.store;

import io.edgemqtt.api.spi.PersistedPublish;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a session log amounts to: the live publishes (the objects the engine handed in, not copies) and incoming ids,
 * plus the size their records take in a freshly compacted log, which decides when compaction pays off.
 */
final class SessionState {
    /** A live publish and the size of its ADD frame. */
    static final class Entry {
        PersistedPublish publish;
        final int frameSize;

        Entry(PersistedPublish publish, int frameSize) {
            this.publish = publish;
            this.frameSize = frameSize;
        }
    }

    private final Map<Long, Entry> outgoing = new LinkedHashMap<>();
    private final BitSet incoming = new BitSet(65_536);
    private int incomingCount;
    private long liveFrameBytes;
    private long lastSequence = Long.MIN_VALUE;
    private boolean outOfOrder;

    void add(PersistedPublish publish, int frameSize) {
        Entry previous = outgoing.put(publish.sequence(), new Entry(publish, frameSize));
        if (previous != null) {
            liveFrameBytes -= previous.frameSize;
        }
        liveFrameBytes += frameSize;
        if (publish.sequence() <= lastSequence) {
            outOfOrder = true;
        }
        lastSequence = publish.sequence();
    }

    /** @return false if there is no such publish */
    boolean update(long sequence, int packetId, boolean released, PersistedPublish replacement) {
        Entry entry = outgoing.get(sequence);
        if (entry == null) {
            return false;
        }
        entry.publish = replacement != null
                ? replacement
                : PersistedPublish.of(sequence, packetId, released, entry.publish.message());
        return true;
    }

    boolean contains(long sequence) {
        return outgoing.containsKey(sequence);
    }

    void remove(long sequence) {
        Entry entry = outgoing.remove(sequence);
        if (entry != null) {
            liveFrameBytes -= entry.frameSize;
        }
    }

    boolean hasIncoming(int packetId) {
        return incoming.get(packetId);
    }

    void addIncoming(int packetId) {
        if (!incoming.get(packetId)) {
            incoming.set(packetId);
            incomingCount++;
        }
    }

    void removeIncoming(int packetId) {
        if (incoming.get(packetId)) {
            incoming.clear(packetId);
            incomingCount--;
        }
    }

    void clear() {
        outgoing.clear();
        incoming.clear();
        incomingCount = 0;
        liveFrameBytes = 0;
        lastSequence = Long.MIN_VALUE;
        outOfOrder = false;
    }

    /** @return the size of a log holding only the live records */
    long compactedSize() {
        return SessionLogFormat.FILE_HEADER_SIZE + liveFrameBytes
                + (long) incomingCount * SessionLogFormat.INCOMING_FRAME;
    }

    List<PersistedPublish> outgoing() {
        List<PersistedPublish> publishes = new ArrayList<>(outgoing.size());
        for (Entry entry : outgoing.values()) {
            publishes.add(entry.publish);
        }
        if (outOfOrder) {
            publishes.sort(Comparator.comparingLong(PersistedPublish::sequence));
        }
        return publishes;
    }

    Collection<Entry> entries() {
        return outgoing.values();
    }

    int[] incomingIds() {
        return incoming.stream().toArray();
    }

    Set<Integer> incoming() {
        Set<Integer> ids = new LinkedHashSet<>();
        incoming.stream().forEach(ids::add);
        return ids;
    }
}
