package io.edgemqtt.impl.session;

import java.util.HashMap;
import java.util.Map;

/**
 * Packet identifiers 1..65535 and what each one in use belongs to (an outgoing PUBLISH, SUBSCRIBE or UNSUBSCRIBE).
 * Never hands out one still in use (MQTT-2.2.1-3). Round-robin, so an id just freed is not reused at once and a late
 * duplicate acknowledgement cannot complete the wrong packet. A map rather than a 65536-bit set: an idle client then
 * costs a few bytes, not 8 KiB. Loop thread only.
 */
public final class PacketIds {
    private final Map<Integer, Object> owners = new HashMap<>();
    private int next = 1;

    /**
     * @param owner what the identifier is for
     * @return a free identifier, now owned by {@code owner}
     * @throws IllegalStateException if all 65535 are in use (the in-flight window keeps this from happening)
     */
    public int allocate(Object owner) {
        if (owners.size() >= 65_535) {
            throw new IllegalStateException("all 65535 packet identifiers are in use");
        }
        while (owners.containsKey(next)) {
            next = next == 65_535 ? 1 : next + 1;
        }
        int id = next;
        owners.put(id, owner);
        next = next == 65_535 ? 1 : next + 1;
        return id;
    }

    /**
     * Marks an identifier as used (restored from a session store).
     *
     * @param id the identifier
     * @param owner what it is for
     */
    public void claim(int id, Object owner) {
        owners.put(id, owner);
    }

    /**
     * @param id an identifier
     * @return what it belongs to, or null if not in use
     */
    public Object owner(int id) {
        return owners.get(id);
    }

    /**
     * @param id an identifier no longer in use
     * @return what it belonged to, or null
     */
    public Object release(int id) {
        return owners.remove(id);
    }

    /** @return identifiers in use */
    public int inUse() {
        return owners.size();
    }

    /** Forgets every identifier (a session that was not resumed). */
    public void clear() {
        owners.clear();
    }
}
