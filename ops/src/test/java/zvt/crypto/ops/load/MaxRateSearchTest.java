package zvt.crypto.ops.load;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What makes a rate fail in {@code --find-max}: each condition alone, in the order they are reported. */
class MaxRateSearchTest
{
    private static final long LIMIT = TimeUnit.MILLISECONDS.toNanos(100);

    @Test
    void shouldHoldARateWithNoLossNoGrowingLagP99InsideTheLimitAndTheFullRateOffered()
    {
        assertNull(MaxRateSearch.failure(new LoadResult(Map.of(), 0, false, LIMIT, 1.0), LIMIT));
    }

    @Test
    void shouldFailOnLossOrDuplicatesFirst()
    {
        assertTrue(MaxRateSearch.failure(new LoadResult(Map.of(), 3, true, 2 * LIMIT, 0.5), LIMIT)
            .startsWith("lost or duplicated 3"));
    }

    @Test
    void shouldFailOnAGrowingDatabaseLag()
    {
        assertTrue(MaxRateSearch.failure(new LoadResult(Map.of(), 0, true, 0, 1.0), LIMIT).contains("lag"));
    }

    @Test
    void shouldFailOnP99OverTheLimit()
    {
        assertTrue(MaxRateSearch.failure(new LoadResult(Map.of(), 0, false, LIMIT + 1, 1.0), LIMIT)
            .startsWith("p99"));
    }

    @Test
    void shouldSayWhenTheSimulatorsAndNotTheNodeSetThePace()
    {
        assertTrue(MaxRateSearch.failure(new LoadResult(Map.of(), 0, false, 0, 0.8), LIMIT)
            .startsWith("simulators offered only 80%"));
    }
}
