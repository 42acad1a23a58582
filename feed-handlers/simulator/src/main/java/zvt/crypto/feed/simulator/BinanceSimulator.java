package zvt.crypto.feed.simulator;

import zvt.crypto.feed.simulator.binance.BinanceProtocol;

import java.nio.charset.StandardCharsets;

/**
 * A Binance spot venue for tests, the demo and load runs: the venue-neutral {@link VenueSimulator} speaking
 * {@link BinanceProtocol} on one port.
 * <ul>
 *     <li>{@code /stream?streams=btcusdt@trade/ethusdt@depth@100ms}: combined frames {@code {"stream":..,"data":..}};
 *     {@code /ws/btcusdt@trade}: raw frames;</li>
 *     <li>streams {@code @trade}, {@code @aggTrade}, {@code @bookTicker}, {@code @depth} and {@code @depth@100ms}
 *     (every diff, not aggregated), {@code @kline_<interval>}; live {@code SUBSCRIBE}, {@code UNSUBSCRIBE},
 *     {@code LIST_SUBSCRIPTIONS}, {@code SET_PROPERTY}/{@code GET_PROPERTY ["combined"]}; {@code serverShutdown}
 *     on demand; a ping frame every 20 s (configurable), closing connections that stop answering;</li>
 *     <li>REST {@code GET /api/v3/depth}, {@code /api/v3/exchangeInfo}, {@code /api/v3/klines} with request weights;
 *     </li>
 *     <li>the ground-truth book of every symbol ({@link #groundTruth}, {@link #groundTruthAt}), consistent with the
 *     diff stream's update ids and the REST snapshot;</li>
 *     <li>faults ({@link SimulatorFaults}), every one recorded in {@link #faults()}.</li>
 * </ul>
 * Thread-safe as {@link VenueSimulator} is.
 */
public final class BinanceSimulator implements AutoCloseable
{
    private static final byte[] SHUTDOWN_STREAM = "!serverShutdown".getBytes(StandardCharsets.US_ASCII);

    private final VenueSimulator simulator;

    private BinanceSimulator(final VenueSimulator simulator)
    {
        this.simulator = simulator;
    }

    /**
     * Binds and starts generating.
     *
     * @throws IllegalArgumentException if the context is invalid.
     * @throws IllegalStateException    if the address cannot be bound.
     */
    public static BinanceSimulator launch(final BinanceSimulatorContext context)
    {
        return new BinanceSimulator(VenueSimulator.launch(context, new BinanceProtocol()));
    }

    /** The venue-neutral simulator underneath. */
    public VenueSimulator venueSimulator()
    {
        return simulator;
    }

    /** The bound port (the ephemeral one when configured with 0). */
    public int port()
    {
        return simulator.port();
    }

    /** Base address for a feed's {@code webSocketUri}, e.g. {@code ws://127.0.0.1:40123}. */
    public String webSocketUri()
    {
        return simulator.webSocketUri();
    }

    /** Base address for a REST client, e.g. {@code http://127.0.0.1:40123} (same port as the streams). */
    public String restUri()
    {
        return simulator.restUri();
    }

    public SimulatorCounters counters()
    {
        return simulator.counters();
    }

    /** Every fault injected so far. */
    public FaultLog faults()
    {
        return simulator.faults();
    }

    /** See {@link VenueSimulator#groundTruth}. */
    public GroundTruthBook groundTruth(final String venueSymbol)
    {
        return simulator.groundTruth(venueSymbol);
    }

    /** See {@link VenueSimulator#groundTruthAt}: the book as of the diff whose {@code u} is {@code lastUpdateId}. */
    public GroundTruthBook groundTruthAt(final String venueSymbol, final long lastUpdateId)
    {
        return simulator.groundTruthAt(venueSymbol, lastUpdateId);
    }

    /** Closes every client connection abruptly (no close frame), as a network failure would; keeps listening. */
    public void dropAllConnections()
    {
        simulator.dropAllConnections();
    }

    /** Sends Binance's {@code serverShutdown} event to every stream connection (they stay open). */
    public void sendServerShutdown()
    {
        simulator.sendNoticeToAll(SHUTDOWN_STREAM,
            nowMs -> ("{\"e\":\"serverShutdown\",\"E\":" + nowMs + "}").getBytes(StandardCharsets.US_ASCII),
            FaultKind.SERVER_SHUTDOWN);
    }

    /** The stall fault: see {@link VenueSimulator#stall}. */
    public void stall(final long millis)
    {
        simulator.stall(millis);
    }

    /** Stops the market but keeps answering: see {@link VenueSimulator#pause}. */
    public void pause(final long millis)
    {
        simulator.pause(millis);
    }

    public void close()
    {
        simulator.close();
    }
}
