package zvt.crypto.feed.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One symbol's synthetic market: a price-level book that random-walks around a mid price, and trades against its best
 * levels. Each {@link #step} is one market event: a book change (one to a few level changes, sometimes a move of the
 * mid), or a trade followed by the book change that takes the traded size off the level. A top-of-book event follows
 * any change of the best bid or ask. Events go to a {@link MarketListener} in no venue's format; each venue's
 * {@link WireEncoder} writes its own JSON. The book kept here is the ground truth: after the change with last update
 * id {@code u} it is exactly what a client that applied every change holds, and an undo log of recent changes
 * rebuilds it as of any recent {@code u} ({@link #bookAt}). The sequence depends only on the seed and the symbol.
 * Used on the simulator's event loop only.
 */
public final class SyntheticSymbol implements BookView
{

    private static final int MAX_SIZE_DOUBLINGS = 12;
    private static final int MAX_EVENT_CHANGES = 16;
    private static final int TRADE_PERCENT = 30;

    private final SimulatedInstrument instrument;
    private final String venueSymbol;
    private final long tickMantissa;
    private final long lotMantissa;
    private final int levels;
    private final SplittableRandom random;
    private final long[] sizes;
    private final int mask;
    private final BookChange change = new BookChange(MAX_EVENT_CHANGES);

    private final long[] eventPrices = new long[MAX_EVENT_CHANGES];
    private final long[] eventSizes = new long[MAX_EVENT_CHANGES];
    private final boolean[] eventBids = new boolean[MAX_EVENT_CHANGES];
    private int eventChanges;

    private final long[] undoLastId;
    private final long[] undoPrice;
    private final long[] undoOldSize;
    private final long[] undoMidBefore;
    private long undoCount;
    private long overwrittenLastId;

    private long mid;
    private long updateId;
    private long nextTradeId;
    private long nextAggregateId;
    private long topBidPrice;
    private long topBidSize;
    private long topAskPrice;
    private long topAskSize;

    public SyntheticSymbol(
        final SimulatedInstrument instrument, final long seed, final int levels, final int historyEntries)
    {
        this.instrument = instrument;
        this.venueSymbol = instrument.venueSymbol();
        this.tickMantissa = instrument.tickMantissa();
        this.lotMantissa = instrument.lotMantissa();
        this.levels = levels;
        this.random = new SplittableRandom(seed ^ (venueSymbol.hashCode() * 0x9E3779B97F4A7C15L));
        // More slots than the 2 * levels prices of the window, so a slot never holds two live prices.
        final int slots = Integer.highestOneBit(2 * levels + 2) << 1;
        this.sizes = new long[slots];
        this.mask = slots - 1;
        this.undoLastId = new long[historyEntries];
        this.undoPrice = new long[historyEntries];
        this.undoOldSize = new long[historyEntries];
        this.undoMidBefore = new long[historyEntries];

        mid = Math.max(levels + 1, instrument.startTicks());
        updateId = 1_000_000 + random.nextLong(9_000_000);
        nextTradeId = 1_000_000 + random.nextLong(9_000_000);
        nextAggregateId = 100_000 + random.nextLong(900_000);
        for (int d = 0; d < levels; d++)
        {
            if (random.nextInt(5) != 0)
            {
                sizes[slot(mid - d)] = lots();
            }
            if (random.nextInt(5) != 0)
            {
                sizes[slot(mid + 1 + d)] = lots();
            }
        }
        sizes[slot(mid)] = lots();
        sizes[slot(mid + 1)] = lots();
    }

    public SimulatedInstrument instrument()
    {
        return instrument;
    }

    public String venueSymbol()
    {
        return venueSymbol;
    }

    public long lastUpdateId()
    {
        return updateId;
    }

    public int bestLevels(final boolean bids, final long[] prices, final long[] levelSizes, final int max)
    {
        int count = 0;
        if (bids)
        {
            for (long price = mid; price > mid - levels && count < max; price--)
            {
                count = copyLevel(price, prices, levelSizes, count);
            }
        }
        else
        {
            for (long price = mid + 1; price <= mid + levels && count < max; price++)
            {
                count = copyLevel(price, prices, levelSizes, count);
            }
        }
        return count;
    }

    /** One market event; see the class comment. */
    public void step(final long nowMs, final MarketListener listener)
    {
        if (random.nextInt(100) < TRADE_PERCENT && trade(nowMs, listener))
        {
            return;
        }
        eventChanges = 0;
        final long midBefore = mid;
        final int move = random.nextInt(10);
        if (move == 0)
        {
            moveUp();
        }
        else if (move == 1)
        {
            moveDown();
        }
        final int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++)
        {
            final boolean bid = random.nextBoolean();
            final int distance = Math.min(random.nextInt(levels), random.nextInt(levels));
            final long price = bid ? mid - distance : mid + 1 + distance;
            change(bid, price, random.nextInt(4) == 0 ? 0 : lots());
        }
        finishEvent(midBefore, nowMs, listener);
    }

    /** The book now. */
    public GroundTruthBook book()
    {
        final Map<Long, Long> levelsByPrice = new HashMap<>();
        for (long price = mid - levels + 1; price <= mid + levels; price++)
        {
            final long size = sizes[slot(price)];
            if (size != 0)
            {
                levelsByPrice.put(price, size);
            }
        }
        return toBook(updateId, mid, levelsByPrice);
    }

    /** The book as of the diff whose final update id is {@code lastUpdateId}; null if outside the kept history. */
    public GroundTruthBook bookAt(final long lastUpdateId)
    {
        if (lastUpdateId > updateId || lastUpdateId < overwrittenLastId)
        {
            return null;
        }
        final Map<Long, Long> levelsByPrice = new HashMap<>();
        for (long price = mid - levels + 1; price <= mid + levels; price++)
        {
            final long size = sizes[slot(price)];
            if (size != 0)
            {
                levelsByPrice.put(price, size);
            }
        }
        long midThen = mid;
        final long kept = Math.min(undoCount, undoLastId.length);
        for (long n = 0; n < kept; n++)
        {
            final int index = (int)((undoCount - 1 - n) % undoLastId.length);
            if (undoLastId[index] <= lastUpdateId)
            {
                break;
            }
            levelsByPrice.put(undoPrice[index], undoOldSize[index]);
            midThen = undoMidBefore[index];
        }
        return toBook(lastUpdateId, midThen, levelsByPrice);
    }

    private GroundTruthBook toBook(final long lastId, final long midThen, final Map<Long, Long> levelsByPrice)
    {
        final List<Long> bids = new ArrayList<>();
        final List<Long> asks = new ArrayList<>();
        levelsByPrice.forEach((price, size) ->
        {
            if (size != 0)
            {
                (price <= midThen ? bids : asks).add(price);
            }
        });
        bids.sort((a, b) -> Long.compare(b, a));
        asks.sort(Long::compare);
        return new GroundTruthBook(venueSymbol, lastId,
            bids.stream().mapToLong(p -> p * tickMantissa).toArray(),
            bids.stream().mapToLong(levelsByPrice::get).toArray(),
            asks.stream().mapToLong(p -> p * tickMantissa).toArray(),
            asks.stream().mapToLong(levelsByPrice::get).toArray());
    }

    private int copyLevel(final long price, final long[] prices, final long[] levelSizes, final int count)
    {
        final long size = sizes[slot(price)];
        if (size == 0)
        {
            return count;
        }
        prices[count] = price * tickMantissa;
        levelSizes[count] = size;
        return count + 1;
    }

    private boolean trade(final long nowMs, final MarketListener listener)
    {
        final boolean buyerIsMaker = random.nextBoolean();
        // The aggressor sells into the best bid when the buyer is the maker, else buys the best ask.
        final long price = buyerIsMaker ? bestBid() : bestAsk();
        if (price == Long.MIN_VALUE)
        {
            return false;
        }
        final long levelSize = sizes[slot(price)];
        final long quantity = Math.min(levelSize, lots());
        final long tradeId = nextTradeId++;
        final long aggregateId = nextAggregateId++;
        final long priceMantissa = price * tickMantissa;

        listener.onTrade(tradeId, aggregateId, priceMantissa, quantity, nowMs, buyerIsMaker);

        eventChanges = 0;
        change(price <= mid, price, levelSize - quantity);
        finishEvent(mid, nowMs, listener);
        return true;
    }

    private void moveUp()
    {
        change(false, mid + 1, 0);
        change(true, mid - levels + 1, 0);
        mid++;
        if (random.nextBoolean())
        {
            change(true, mid, lots());
        }
    }

    private void moveDown()
    {
        change(true, mid, 0);
        change(false, mid + levels, 0);
        mid--;
        if (random.nextBoolean())
        {
            change(false, mid + 1, lots());
        }
    }

    /** Sets a level and records the change in the current event (once per side and price). */
    private void change(final boolean bid, final long price, final long size)
    {
        for (int i = 0; i < eventChanges; i++)
        {
            if (eventPrices[i] == price && eventBids[i] == bid)
            {
                return;
            }
        }
        if (eventChanges == MAX_EVENT_CHANGES)
        {
            return;
        }
        final int slot = slot(price);
        eventPrices[eventChanges] = price;
        eventSizes[eventChanges] = sizes[slot];
        eventBids[eventChanges] = bid;
        eventChanges++;
        sizes[slot] = size;
    }

    private void finishEvent(final long midBefore, final long nowMs, final MarketListener listener)
    {
        final long firstId = updateId + 1;
        final long lastId = firstId + random.nextInt(3);
        updateId = lastId;
        for (int i = 0; i < eventChanges; i++)
        {
            if (undoCount >= undoLastId.length)
            {
                overwrittenLastId = Math.max(overwrittenLastId, undoLastId[(int)(undoCount % undoLastId.length)]);
            }
            final int index = (int)(undoCount % undoLastId.length);
            undoLastId[index] = lastId;
            undoPrice[index] = eventPrices[i];
            undoOldSize[index] = eventSizes[i];
            undoMidBefore[index] = midBefore;
            undoCount++;
        }

        change.reset(firstId, lastId, nowMs);
        for (int i = 0; i < eventChanges; i++)
        {
            final long price = eventPrices[i];
            // After a move, a price changed side: its level on the side it left is empty.
            final long size = bidSideOf(price) == eventBids[i] ? sizes[slot(price)] : 0;
            change.add(eventBids[i], price * tickMantissa, size);
        }
        listener.onBookChange(change, this);

        final long bidPrice = bestBid();
        final long askPrice = bestAsk();
        final long bidSize = bidPrice == Long.MIN_VALUE ? 0 : sizes[slot(bidPrice)];
        final long askSize = askPrice == Long.MIN_VALUE ? 0 : sizes[slot(askPrice)];
        if (bidPrice != topBidPrice || bidSize != topBidSize || askPrice != topAskPrice || askSize != topAskSize)
        {
            topBidPrice = bidPrice;
            topBidSize = bidSize;
            topAskPrice = askPrice;
            topAskSize = askSize;
            listener.onTopOfBook(lastId,
                bidPrice == Long.MIN_VALUE ? 0 : bidPrice * tickMantissa, bidSize,
                askPrice == Long.MIN_VALUE ? 0 : askPrice * tickMantissa, askSize, nowMs);
        }
    }

    private boolean bidSideOf(final long price)
    {
        return price <= mid;
    }

    private long bestBid()
    {
        for (long price = mid; price > mid - levels; price--)
        {
            if (sizes[slot(price)] != 0)
            {
                return price;
            }
        }
        return Long.MIN_VALUE;
    }

    private long bestAsk()
    {
        for (long price = mid + 1; price <= mid + levels; price++)
        {
            if (sizes[slot(price)] != 0)
            {
                return price;
            }
        }
        return Long.MIN_VALUE;
    }

    private long lots()
    {
        return (1 + random.nextLong(1L << random.nextInt(MAX_SIZE_DOUBLINGS))) * lotMantissa;
    }

    private int slot(final long price)
    {
        return (int)(price & mask);
    }
}
