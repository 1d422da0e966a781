package io.edgemqtt.impl.store;

import static io.edgemqtt.impl.store.TestMessages.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.spi.PersistedPublish;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemorySessionStoreTest {
    private final MemorySessionStore store = new MemorySessionStore();

    @Test
    void keepsPublishesInSequenceOrderWithoutCopying() {
        PersistedPublish first = publish(1);
        store.add(first);
        store.add(publish(2));
        store.add(publish(3));
        PersistedPublish sent = first.withPacketId(7);
        store.update(sent);
        store.remove(2);
        List<PersistedPublish> loaded = store.loadOutgoing();
        assertEquals(2, loaded.size());
        assertSame(sent, loaded.get(0));
        assertEquals(3, loaded.get(1).sequence());
    }

    @Test
    void sortsWhenAddedOutOfOrder() {
        store.add(publish(5));
        store.add(publish(2));
        store.add(publish(9));
        assertEquals(List.of(2L, 5L, 9L), store.loadOutgoing().stream().map(PersistedPublish::sequence).toList());
    }

    @Test
    void updateOfAnUnknownSequenceAddsNothing() {
        store.update(publish(4).withPacketId(1));
        store.remove(99);
        assertTrue(store.loadOutgoing().isEmpty());
    }

    @Test
    void incomingIdsAndClear() {
        store.addIncoming(1);
        store.addIncoming(65_535);
        store.addIncoming(300);
        store.removeIncoming(300);
        assertEquals(Set.of(1, 65_535), store.loadIncoming());
        assertThrows(IllegalArgumentException.class, () -> store.addIncoming(0));
        store.add(publish(1));
        store.clear();
        assertTrue(store.loadOutgoing().isEmpty());
        assertTrue(store.loadIncoming().isEmpty());
    }
}
