package io.edgemqtt.impl.store;

import io.edgemqtt.api.spi.PersistedPublish;
import io.edgemqtt.api.spi.SessionStore;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The session store of a client without persistence: the session lasts as long as the client object. It keeps the
 * {@link PersistedPublish} objects it is given in an insertion-ordered map, without copying, since it sits on the
 * path of every QoS 1 and 2 publish.
 *
 * <p>Thread-safe; the engine calls it from one thread at a time anyway. {@link #close()} forgets the content, since
 * nothing could open it again.
 */
public final class MemorySessionStore implements SessionStore {
    private final Map<Long, PersistedPublish> outgoing = new LinkedHashMap<>();
    private final BitSet incoming = new BitSet(65_536);
    private long lastSequence = Long.MIN_VALUE;
    private boolean outOfOrder;

    /** Creates an empty store. */
    public MemorySessionStore() {}

    @Override
    public synchronized List<PersistedPublish> loadOutgoing() {
        List<PersistedPublish> publishes = new ArrayList<>(outgoing.values());
        if (outOfOrder) {
            publishes.sort(Comparator.comparingLong(PersistedPublish::sequence));
        }
        return publishes;
    }

    @Override
    public synchronized Set<Integer> loadIncoming() {
        Set<Integer> ids = new LinkedHashSet<>();
        incoming.stream().forEach(ids::add);
        return ids;
    }

    @Override
    public synchronized void add(PersistedPublish publish) {
        outgoing.put(publish.sequence(), publish);
        if (publish.sequence() <= lastSequence) {
            outOfOrder = true; // only then does loading need to sort
        }
        lastSequence = publish.sequence();
    }

    @Override
    public synchronized void update(PersistedPublish publish) {
        outgoing.replace(publish.sequence(), publish);
    }

    @Override
    public synchronized void remove(long sequence) {
        outgoing.remove(sequence);
    }

    @Override
    public synchronized void addIncoming(int packetId) {
        incoming.set(checkPacketId(packetId));
    }

    @Override
    public synchronized void removeIncoming(int packetId) {
        incoming.clear(checkPacketId(packetId));
    }

    @Override
    public synchronized void clear() {
        outgoing.clear();
        incoming.clear();
        lastSequence = Long.MIN_VALUE;
        outOfOrder = false;
    }

    @Override
    public synchronized void close() {
        clear();
    }

    private static int checkPacketId(int packetId) {
        if (packetId < 1 || packetId > 65_535) {
            throw new IllegalArgumentException("packet id must be 1..65535, was " + packetId);
        }
        return packetId;
    }
}
