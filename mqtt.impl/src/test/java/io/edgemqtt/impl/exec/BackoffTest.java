package io.edgemqtt.impl.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgemqtt.api.ReconnectPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void growsExponentiallyUpToTheCapWithoutJitter() {
        Backoff backoff = new Backoff(ReconnectPolicy.exponential(Duration.ofMillis(100), Duration.ofMillis(1000),
                2.0, 0.0));
        long[] expected = {100, 200, 400, 800, 1000, 1000};
        for (long millis : expected) {
            assertEquals(Duration.ofMillis(millis).toNanos(), backoff.nextDelayNanos());
        }
        backoff.reset();
        assertEquals(Duration.ofMillis(100).toNanos(), backoff.nextDelayNanos(), "a good connection starts over");
    }

    @Test
    void jitterStaysWithinItsFraction() {
        Backoff backoff = new Backoff(ReconnectPolicy.exponential(Duration.ofSeconds(1), Duration.ofSeconds(1), 2.0,
                0.25));
        long low = Long.MAX_VALUE;
        long high = 0;
        for (int i = 0; i < 1000; i++) {
            long delay = backoff.nextDelayNanos();
            low = Math.min(low, delay);
            high = Math.max(high, delay);
        }
        assertTrue(low >= Duration.ofMillis(750).toNanos() && high <= Duration.ofMillis(1250).toNanos());
        assertTrue(high - low > Duration.ofMillis(100).toNanos(), "delays are spread, not in step");
    }

    @Test
    void countsAttempts() {
        Backoff backoff = new Backoff(ReconnectPolicy.DEFAULT);
        assertEquals(1, backoff.nextAttempt());
        backoff.nextDelayNanos();
        assertEquals(2, backoff.nextAttempt());
    }
}
