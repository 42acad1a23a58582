package zvt.crypto.core.book;

import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.Side;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderBookTest
{
    @Test
    void shouldMatchTheReferenceBookOverRandomUpdatesAtMixedScales()
    {
        final SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 50; round++)
        {
            final OrderBook book = new OrderBook(1);
            final ReferenceBook reference = new ReferenceBook();
            for (int i = 0; i < 5_000; i++)
            {
                final boolean bid = random.nextBoolean();
                // Prices around 1000.00 written with 2 to 6 decimals; a quarter of the updates remove the level.
                final int priceExponent = -2 - random.nextInt(5);
                final long ticks = (bid ? 99_000 : 100_000) + random.nextInt(1_500) - (bid ? 0 : 500);
                final long price = ticks * pow10(-priceExponent - 2);
                final int sizeExponent = -random.nextInt(9);
                final long size = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(1_000_000);

                assertTrue(book.set(bid ? Side.BUY : Side.SELL, price, priceExponent, size, sizeExponent));
                reference.set(bid, BigDecimal.valueOf(price, -priceExponent), BigDecimal.valueOf(size, -sizeExponent));

                if (i % 250 == 0)
                {
                    assertSame(reference, book);
                }
            }
            assertSame(reference, book);
        }
    }

    @Test
    void shouldReportTopLevelsBestFirst()
    {
        final OrderBook book = new OrderBook(1);
        book.set(Side.BUY, 100, 0, 1, 0);
        book.set(Side.BUY, 102, 0, 2, 0);
        book.set(Side.BUY, 101, 0, 3, 0);
        book.set(Side.SELL, 105, 0, 4, 0);
        book.set(Side.SELL, 103, 0, 5, 0);

        final long[] prices = new long[2];
        final long[] sizes = new long[2];
        assertEquals(2, book.top(Side.BUY, 5, prices, sizes));
        assertEquals(102, prices[0]);
        assertEquals(101, prices[1]);
        assertEquals(3, sizes[1]);
        assertEquals(2, book.top(Side.SELL, 2, prices, sizes));
        assertEquals(103, prices[0]);
        assertEquals(105, prices[1]);
    }

    @Test
    void shouldDetectACrossedBookAndNeverServeIt()
    {
        final OrderBook book = new OrderBook(1);
        book.beginSnapshot();
        book.set(Side.BUY, 100, 0, 1, 0);
        book.set(Side.SELL, 101, 0, 1, 0);
        assertFalse(book.isServable(), "a book is stale until its snapshot ends");
        book.endSnapshot(7);
        assertTrue(book.isServable());

        book.set(Side.BUY, 101, 0, 1, 0);
        assertTrue(book.isCrossed());
        assertFalse(book.isServable());

        book.set(Side.SELL, 101, 0, 0, 0);
        assertFalse(book.isCrossed());
        book.markStale();
        assertFalse(book.isServable());
    }

    @Test
    void shouldRejectALevelThatCannotBeHeldExactlyAndKeepTheBook()
    {
        final OrderBook book = new OrderBook(1);
        assertTrue(book.set(Side.BUY, 900_000_000_000_000_000L, 0, 1, 0));
        assertFalse(book.set(Side.BUY, 1, -2, 1, 0), "rescaling 9e17 by 100 would overflow");
        assertEquals(0, book.priceExponent());
        assertEquals(1, book.bids().depth());
        assertFalse(book.set(Side.UNKNOWN, 1, 0, 1, 0));
    }

    @Test
    void shouldNotAllocateOnceWarm()
    {
        final OrderBook book = new OrderBook(1);
        final SplittableRandom random = new SplittableRandom(1);
        final Runnable round = () ->
        {
            for (int i = 0; i < 100_000; i++)
            {
                book.set(random.nextBoolean() ? Side.BUY : Side.SELL, 1_000 + random.nextInt(200), -2,
                    random.nextInt(3), -8);
            }
        };
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        round.run();
        long allocated = -1;
        for (int attempt = 0; attempt < 5 && allocated != 0; attempt++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            round.run();
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertEquals(0, allocated);
    }

    private static void assertSame(final ReferenceBook reference, final OrderBook book)
    {
        assertEquals(reference.levels(true), ReferenceBook.levels(book, true));
        assertEquals(reference.levels(false), ReferenceBook.levels(book, false));
        assertEquals(reference.isCrossed(), book.isCrossed());
    }

    private static long pow10(final int digits)
    {
        long value = 1;
        for (int i = 0; i < digits; i++)
        {
            value *= 10;
        }
        return value;
    }
}
