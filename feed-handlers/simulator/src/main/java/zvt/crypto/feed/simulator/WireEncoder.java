package zvt.crypto.feed.simulator;

/**
 * One venue's JSON for one symbol: turns the neutral market events into that venue's messages, written into a
 * buffer the encoder owns and reuses, and hands them to the {@link WireSink} it was made with. Venue state that
 * every connection shares (OKX {@code seqId} chains, Bybit {@code u}) lives here; per-connection numbering is
 * spliced in by the session. Used on the simulator's event loop only.
 */
public interface WireEncoder extends MarketListener
{
    /**
     * Sends what a venue sends one connection right after it subscribes to a stream (a book snapshot); most
     * streams send nothing.
     */
    void onSubscribe(StreamKind kind, int variant, BookView book, long nowMs, WireSink target);

    /**
     * Encodes the candle of a kline stream and sends it to {@code target}.
     *
     * @param closed true for the final push of a candle whose interval has ended.
     */
    void onCandle(MarketStream stream, CandleBar candle, boolean closed, long nowMs, WireSink target);
}
