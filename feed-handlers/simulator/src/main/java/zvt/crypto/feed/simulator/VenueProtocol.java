package zvt.crypto.feed.simulator;

import java.util.Map;

/**
 * One venue as the simulator speaks it: how it names streams, its {@link WireEncoder} (the JSON of each market
 * event), its per-connection {@link VenueSession} (paths, control messages, keepalive) and its REST API. The market,
 * framing, faults and server are the venue-neutral core's. Stateless; one instance per simulator.
 */
public interface VenueProtocol
{
    /** Lower-case venue name for logs and thread names, e.g. {@code okx}. */
    String name();

    /** What a stream name means; null if the simulator does not serve it (subscribing is accepted but silent). */
    StreamRef parseStream(String streamName);

    /**
     * The encoder of one symbol's messages; it hands them to {@code sink}.
     *
     * @param market the market it encodes, for the faults an encoder injects itself (a corrupt OKX checksum).
     */
    WireEncoder newEncoder(SimulatedInstrument instrument, WireSink sink, SimulatedMarket market);

    /** The protocol state of one new connection. */
    VenueSession newSession(SessionControl control);

    /** The venue's REST API on the same port. */
    VenueRestApi newRestApi(BinanceSimulatorContext context, SimulatedMarket market);

    /**
     * True if the server sends WebSocket ping frames every {@link BinanceSimulatorContext#pingIntervalMs} and closes
     * connections whose pongs stop (Binance); false where the client keeps the connection alive.
     */
    boolean serverPings();

    /**
     * The venue's node configuration keys (without the {@code <venue>.} prefix, e.g. {@code ws.url}) that point a
     * feed at this simulator; keys the simulator cannot serve (a REST API it lacks) are set blank, so the feed makes
     * no such calls.
     *
     * @param webSocketUri the simulator's WebSocket base address, e.g. {@code ws://127.0.0.1:40123}.
     * @param restUri      its REST base address on the same port.
     */
    Map<String, String> feedSettings(String webSocketUri, String restUri);
}
