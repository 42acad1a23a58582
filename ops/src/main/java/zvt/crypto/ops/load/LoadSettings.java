package zvt.crypto.ops.load;

import java.util.List;

import zvt.crypto.ops.config.NodeConfig;

/**
 * One load run's shape.
 *
 * @param stepsPerSecond   market steps per second over every venue and symbol together (a step is a trade or a
 *                         depth change; about 30 % are trades), split evenly over the venues.
 * @param symbolsPerVenue  symbols subscribed on each venue.
 * @param subscribers      WebSocket subscribers.
 * @param subscriberScope  what each subscriber takes: every venue's trades, or one symbol's.
 * @param warmupSeconds    traffic before the measured window (JIT, connections, book sync).
 * @param seconds          the measured window.
 * @param tickMs           how often each simulator sends what it generated since its last tick: the burst the
 *                         node sees at once.
 * @param venues           venue config names (binance, okx, bybit, coinbase).
 * @param node             the node's configuration: journal, database, Redis, ring; the run sets the venues' keys.
 */
public record LoadSettings(
    long stepsPerSecond,
    int symbolsPerVenue,
    int subscribers,
    SubscriberScope subscriberScope,
    int warmupSeconds,
    int seconds,
    long tickMs,
    long seed,
    List<String> venues,
    NodeConfig node)
{
    public LoadSettings
    {
        if (stepsPerSecond <= 0 || symbolsPerVenue <= 0 || subscribers < 0 || warmupSeconds < 0 || seconds <= 0 ||
            tickMs <= 0)
        {
            throw new IllegalArgumentException("rate, symbols, seconds and tick must be positive, subscribers and " +
                "warm-up not negative: rate=" + stepsPerSecond + " symbols=" + symbolsPerVenue + " subscribers=" +
                subscribers + " warmup=" + warmupSeconds + " seconds=" + seconds + " tick=" + tickMs);
        }
        if (venues.isEmpty())
        {
            throw new IllegalArgumentException("no venue to load");
        }
        venues = List.copyOf(venues);
    }

    public LoadSettings withRate(final long stepsPerSecond)
    {
        return new LoadSettings(stepsPerSecond, symbolsPerVenue, subscribers, subscriberScope, warmupSeconds, seconds,
            tickMs, seed, venues, node);
    }
}
