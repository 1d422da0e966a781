package io.edgemqtt.api.spi;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where a client keeps the state of its session that must survive a reconnect and, for a durable store, a kill of the
 * process: outgoing QoS 1/2 publishes not yet acknowledged (sent or not), and incoming QoS 2 packet ids received but
 * not yet released.
 *
 * <p>One store serves one client identifier. The engine calls it from one thread at a time, and calls a write method
 * before it reports the corresponding step as done: a publish is {@link #add(PersistedPublish) added} before {@code
 * publish} returns, and an incoming QoS 2 id is {@link #addIncoming(int) added} before PUBREC is sent. A store that
 * survives a kill of the process must therefore have handed each write to the operating system before returning.
 * Failures are reported as {@link IOException}; the engine then fails the operation that needed the write.
 */
@ConsumerType
public interface SessionStore extends AutoCloseable {
    /**
     * @return every outgoing publish kept, in {@link PersistedPublish#sequence()} order
     * @throws IOException if the store cannot be read; a damaged record is skipped and reported, not fatal
     */
    List<PersistedPublish> loadOutgoing() throws IOException;

    /**
     * @return the incoming QoS 2 packet ids awaiting PUBREL
     * @throws IOException if the store cannot be read
     */
    Set<Integer> loadIncoming() throws IOException;

    /**
     * @param publish a newly accepted publish
     * @throws IOException if it could not be kept
     */
    void add(PersistedPublish publish) throws IOException;

    /**
     * @param publish a publish kept before, with a new packet id or released flag (same sequence)
     * @throws IOException if it could not be kept
     */
    void update(PersistedPublish publish) throws IOException;

    /**
     * @param sequence the publish that is done (acknowledged, expired or dropped)
     * @throws IOException if it could not be removed
     */
    void remove(long sequence) throws IOException;

    /**
     * @param packetId an incoming QoS 2 packet id, received and not yet released
     * @throws IOException if it could not be kept
     */
    void addIncoming(int packetId) throws IOException;

    /**
     * @param packetId an incoming QoS 2 packet id that was released (PUBREL received)
     * @throws IOException if it could not be removed
     */
    void removeIncoming(int packetId) throws IOException;

    /**
     * Forgets the whole session: the broker did not resume it, or a clean start discarded it. Publishes not yet sent
     * are still wanted by the application, so the engine adds them again afterwards.
     *
     * @throws IOException if the store could not be cleared
     */
    void clear() throws IOException;

    /** Releases files and memory. The content stays for the next open of the same client id. */
    @Override
    void close() throws IOException;
}
