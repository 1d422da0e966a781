package io.edgemqtt.impl.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutboundTopicAliasesTest {

    private static OutboundTopicAliases.Choice send(OutboundTopicAliases aliases, String topic) {
        OutboundTopicAliases.Choice choice = aliases.lookUp(topic);
        aliases.commit(choice);
        return choice;
    }

    @Test
    void offAssignsNothing() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(0);
        OutboundTopicAliases.Choice choice = send(aliases, "a");
        assertEquals(0, choice.alias);
        assertFalse(choice.known);
        assertEquals(0, aliases.size());
    }

    @Test
    void aTopicGetsAnAliasWithItsTopicFirstThenTheAliasAlone() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(3);
        OutboundTopicAliases.Choice first = send(aliases, "plant/line1/temp");
        assertEquals(1, first.alias);
        assertFalse(first.known, "the broker learns the mapping from this publish");
        OutboundTopicAliases.Choice again = send(aliases, "plant/line1/temp");
        assertEquals(1, again.alias);
        assertTrue(again.known);
        assertEquals(2, send(aliases, "b").alias);
        assertEquals(3, send(aliases, "c").alias);
        assertEquals(3, aliases.size());
    }

    @Test
    void whenFullTheLeastRecentlyUsedAliasIsReassigned() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(2);
        send(aliases, "a"); // 1
        send(aliases, "b"); // 2
        send(aliases, "a"); // a is now the most recent
        OutboundTopicAliases.Choice c = send(aliases, "c");
        assertEquals(2, c.alias, "b was least recently used");
        assertFalse(c.known, "a reassigned alias goes with its new topic");
        assertTrue(send(aliases, "a").known);
        assertTrue(send(aliases, "c").known);
        OutboundTopicAliases.Choice b = send(aliases, "b");
        assertEquals(1, b.alias, "a was least recently used now");
        assertFalse(b.known);
        assertEquals(2, aliases.size());
    }

    @Test
    void aLookUpWithoutCommitChangesNothing() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(1);
        send(aliases, "a");
        OutboundTopicAliases.Choice refused = aliases.lookUp("b"); // e.g. the publish was too large
        assertEquals(1, refused.alias);
        assertTrue(send(aliases, "a").known, "a keeps its alias");
    }

    @Test
    void aSingleAliasFollowsTheLatestTopic() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(1);
        for (int i = 0; i < 5; i++) {
            OutboundTopicAliases.Choice choice = send(aliases, "t" + i);
            assertEquals(1, choice.alias);
            assertFalse(choice.known);
            assertTrue(send(aliases, "t" + i).known);
        }
    }

    @Test
    void capacityIsBounded() {
        assertThrows(IllegalArgumentException.class, () -> new OutboundTopicAliases(65_536));
        assertThrows(IllegalArgumentException.class, () -> new OutboundTopicAliases(-1));
    }
}
