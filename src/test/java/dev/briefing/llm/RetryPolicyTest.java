package dev.briefing.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void should_double_the_wait_per_retry_and_add_up_to_half_of_it_as_jitter() {
        List<Duration> slept = new ArrayList<>();
        RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(1000), slept::add);
        Set<Long> firstWaits = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            slept.clear();
            policy.pause(1);
            policy.pause(2);
            long first = slept.get(0).toMillis();
            long second = slept.get(1).toMillis();
            assertTrue(first >= 1000 && first <= 1500, "retry 1 waited " + first);
            assertTrue(second >= 2000 && second <= 3000, "retry 2 waited " + second);
            firstWaits.add(first);
        }
        assertTrue(firstWaits.size() > 10, "parallel workers must not retry in step: " + firstWaits);
    }

    @Test
    void should_default_to_two_retries_from_a_one_second_base() {
        assertEquals(2, RetryPolicy.defaults().maxRetries());
        assertEquals(Duration.ofSeconds(1), RetryPolicy.defaults().baseDelay());
    }
}
