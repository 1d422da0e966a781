package io.edgemqtt.impl.store;

import io.edgemqtt.api.spi.PersistedPublish;
import io.edgemqtt.api.spi.SessionStore;
import java.io.IOException;

/**
 * A fixed, endless sequence of store operations (every kind, in the proportions of a busy client) that the crash
 * child runs and the test replays, so the test knows the state after any number of them.
 */
final class CrashSchedule {
    private CrashSchedule() {}

    /** Applies operation number {@code k}, counting from 0. */
    static void apply(long k, SessionStore store) throws IOException {
        long i = k / 3 + 1;
        switch ((int) (k % 3)) {
            case 0:
                store.add(TestMessages.publish(i));
                break;
            case 1:
                if (i % 250 == 0) {
                    store.clear();
                } else if (i > 1) {
                    long target = i - 1;
                    store.update(PersistedPublish.of(target, (int) (target % 65_535) + 1, target % 3 == 0,
                            TestMessages.publish(target).message()));
                }
                break;
            default:
                long target = i - 2;
                if (target % 5 == 0) {
                    store.addIncoming(incomingId(target));
                } else if (target % 5 == 3 && target > 13) {
                    store.removeIncoming(incomingId(target - 13));
                } else {
                    store.remove(target);
                }
        }
    }

    private static int incomingId(long target) {
        return (int) ((target / 5) % 65_535) + 1;
    }
}
