package io.edgemqtt.impl.session;

import io.edgemqtt.api.spi.PersistedPublish;
import io.edgemqtt.api.spi.SessionStore;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;

/**
 * Serialises calls to a client's {@link SessionStore}: publishes are added on the caller's thread (so a publish is
 * kept before {@code publish} returns), everything else happens on the loop thread. Without a store (state kept in
 * memory only) every call is a no-op: the engine's own queues already hold that state.
 *
 * <p>Write failures after acceptance are logged with the store's message and do not stop the session: the message is
 * still delivered, only its durability across a restart is lost.
 */
public final class GuardedStore {
    private static final System.Logger LOG = System.getLogger(GuardedStore.class.getName());

    private final SessionStore store;
    private final String clientName;
    private long nextSequence = 1;

    /**
     * @param store the store, or null to keep nothing beyond memory
     * @param clientName for log lines
     */
    public GuardedStore(SessionStore store, String clientName) {
        this.store = store;
        this.clientName = clientName;
    }

    /** @return true if a store is attached */
    public boolean isPersistent() {
        return store != null;
    }

    /**
     * @return what the store holds, in order; sequence numbering continues after it
     * @throws IOException if it cannot be read
     */
    public synchronized List<PersistedPublish> loadOutgoing() throws IOException {
        if (store == null) {
            return List.of();
        }
        List<PersistedPublish> loaded = store.loadOutgoing();
        for (PersistedPublish publish : loaded) {
            nextSequence = Math.max(nextSequence, publish.sequence() + 1);
        }
        return loaded;
    }

    /**
     * @return incoming QoS 2 ids awaiting PUBREL
     * @throws IOException if they cannot be read
     */
    public synchronized Set<Integer> loadIncoming() throws IOException {
        return store == null ? Set.of() : store.loadIncoming();
    }

    /**
     * Keeps a newly accepted publish. Called on the publishing thread.
     *
     * @param entry the publish
     * @return its sequence
     * @throws IOException if it could not be kept: the publish must then be refused
     */
    public synchronized long add(io.edgemqtt.api.MqttMessage entry) throws IOException {
        long sequence = nextSequence++;
        if (store != null) {
            store.add(PersistedPublish.of(sequence, 0, false, entry));
        }
        return sequence;
    }

    /**
     * @param entry a publish whose packet id or released flag changed
     */
    public synchronized void update(OutboundEntry entry) {
        if (store != null) {
            try {
                store.update(PersistedPublish.of(entry.sequence, entry.packetId, entry.released, entry.message));
            } catch (IOException e) {
                logFailure("update", e);
            }
        }
    }

    /**
     * @param entry a publish that is done
     */
    public synchronized void remove(OutboundEntry entry) {
        if (store != null) {
            try {
                store.remove(entry.sequence);
            } catch (IOException e) {
                logFailure("remove", e);
            }
        }
    }

    /**
     * @param packetId an incoming QoS 2 id received
     */
    public synchronized void addIncoming(int packetId) {
        if (store != null) {
            try {
                store.addIncoming(packetId);
            } catch (IOException e) {
                logFailure("add incoming", e);
            }
        }
    }

    /**
     * @param packetId an incoming QoS 2 id released
     */
    public synchronized void removeIncoming(int packetId) {
        if (store != null) {
            try {
                store.removeIncoming(packetId);
            } catch (IOException e) {
                logFailure("remove incoming", e);
            }
        }
    }

    /** Closes the store; its content stays for the next client with this id. */
    public synchronized void close() {
        if (store != null) {
            try {
                store.close();
            } catch (IOException e) {
                logFailure("close", e);
            }
        }
    }

    private void logFailure(String what, IOException e) {
        LOG.log(Level.WARNING, "MQTT client " + clientName + ": session store " + what + " failed: " + e.getMessage()
                + " (delivery goes on; this message may not survive a restart)");
    }
}
