package zvt.crypto.feed.publish;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuplicateFilterTest
{
    private static final int INSTRUMENT = 7;

    private final DuplicateFilter filter = new DuplicateFilter();
    private final TradeFields trade = new TradeFields();

    @Test
    void shouldDropNumericIdsNotAboveTheLastOnePerInstrument()
    {
        assertFalse(isDuplicate(INSTRUMENT, "100"));
        assertFalse(isDuplicate(INSTRUMENT, "101"));
        assertTrue(isDuplicate(INSTRUMENT, "101"));
        assertTrue(isDuplicate(INSTRUMENT, "99"));
        assertFalse(isDuplicate(INSTRUMENT + 1, "5"), "another instrument has its own last id");
        assertFalse(isDuplicate(INSTRUMENT, "9223372036854775807"), "a 19-digit id is exact");
        assertTrue(isDuplicate(INSTRUMENT, "9223372036854775806"));
    }

    /** A repeated UUID is caught among the last RECENT_IDS ids, whatever the memory's state when it first came. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 500, DuplicateFilter.RECENT_IDS - 1, DuplicateFilter.RECENT_IDS,
        DuplicateFilter.RECENT_IDS + 1, 3 * DuplicateFilter.RECENT_IDS / 2, 2 * DuplicateFilter.RECENT_IDS})
    void shouldDropAUuidRepeatedWithinTheLastRecentIds(final int idsBefore)
    {
        int next = 0;
        for (int i = 0; i < idsBefore; i++)
        {
            assertFalse(isDuplicate(INSTRUMENT, uuid(next++)));
        }
        final String repeated = "a9188a0a-82bc-50de-be60-ffffffffffff";
        assertFalse(isDuplicate(INSTRUMENT, repeated));
        for (int i = 0; i < DuplicateFilter.RECENT_IDS - 1; i++)
        {
            assertFalse(isDuplicate(INSTRUMENT, uuid(next++)));
        }
        assertTrue(isDuplicate(INSTRUMENT, repeated));
        assertTrue(isDuplicate(INSTRUMENT, uuid(next - 1)), "the latest id is remembered too");
    }

    @Test
    void shouldForgetAUuidOnceTwiceRecentIdsOthersCameAfterIt()
    {
        final String old = "a9188a0a-82bc-50de-be60-ffffffffffff";
        assertFalse(isDuplicate(INSTRUMENT, old));
        for (int i = 0; i < 2 * DuplicateFilter.RECENT_IDS; i++)
        {
            assertFalse(isDuplicate(INSTRUMENT, uuid(i)));
        }
        assertFalse(isDuplicate(INSTRUMENT, old), "memory per instrument is bounded");
        assertFalse(isDuplicate(INSTRUMENT + 1, uuid(0)), "another instrument remembers its own ids");
    }

    private boolean isDuplicate(final int instrumentId, final String id)
    {
        final byte[] bytes = id.getBytes(StandardCharsets.US_ASCII);
        trade.instrumentId(instrumentId).tradeId(new UnsafeBuffer(bytes), 0, bytes.length);
        return filter.isDuplicateTrade(trade);
    }

    private static String uuid(final int n)
    {
        return String.format("a9188a0a-82bc-50de-be60-%012x", n);
    }
}
