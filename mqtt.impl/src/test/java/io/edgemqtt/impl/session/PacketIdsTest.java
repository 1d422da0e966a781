package io.edgemqtt.impl.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PacketIdsTest {
    @Test
    void neverHandsOutAnIdentifierStillInUseAcrossTheWrap() {
        PacketIds ids = new PacketIds();
        Object held = new Object();
        int kept = ids.allocate(held); // stays in flight the whole time
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 3 * 65_535; i++) {
            int id = ids.allocate(this);
            assertNotEquals(kept, id, "the in-flight id was handed out again");
            assertTrue(id >= 1 && id <= 65_535);
            seen.add(id);
            ids.release(id);
        }
        assertEquals(65_534, seen.size(), "every other id is used in turn");
        assertSame(held, ids.owner(kept));
    }

    @Test
    void aJustReleasedIdentifierIsNotReusedAtOnce() {
        PacketIds ids = new PacketIds();
        int first = ids.allocate(this);
        ids.release(first);
        assertNotEquals(first, ids.allocate(this));
    }

    @Test
    void claimedIdentifiersFromAStoreAreSkipped() {
        PacketIds ids = new PacketIds();
        ids.claim(1, "restored");
        ids.claim(2, "restored");
        assertEquals(3, ids.allocate(this));
        assertEquals("restored", ids.release(1));
        assertNull(ids.owner(1));
    }

    @Test
    void allInUseIsAnError() {
        PacketIds ids = new PacketIds();
        for (int i = 0; i < 65_535; i++) {
            ids.allocate(this);
        }
        assertThrows(IllegalStateException.class, () -> ids.allocate(this));
        ids.clear();
        assertEquals(0, ids.inUse());
    }
}
