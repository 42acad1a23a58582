package zvt.crypto.feed.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.feed.simulator.bybit.BybitProtocol;
import zvt.crypto.feed.test.RawWebSocketClient;
import zvt.crypto.feed.test.WebSocketTestClient;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * All four venues at once, as the demo runs them: one port each, each speaking its own protocol over its own market
 * with ground truth by its own update ids, and the connection faults working for every venue.
 */
class VenueSimulatorsTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<Venue> ALL = List.of(Venue.BINANCE, Venue.OKX, Venue.BYBIT, Venue.COINBASE);

    @Test
    void shouldServeEveryVenueInItsOwnProtocolOnItsOwnPort() throws Exception
    {
        try (VenueSimulators simulators = VenueSimulators.launch(ALL,
            new BinanceSimulatorContext().messagesPerSecond(2_000)))
        {
            final Set<Integer> ports = new HashSet<>();
            simulators.all().values().forEach(simulator -> ports.add(simulator.port()));
            assertEquals(4, ports.size(), "one port per venue");

            try (WebSocketTestClient binance = WebSocketTestClient.connect(
                simulators.webSocketUri(Venue.BINANCE) + "/ws/btcusdt@depth"))
            {
                final long u = MAPPER.readTree(binance.next(m -> true, TIMEOUT)).get("u").asLong();
                assertNotNull(simulators.groundTruthAt(Venue.BINANCE, "BTCUSDT", u));
            }
            try (WebSocketTestClient okx = WebSocketTestClient.connect(
                simulators.webSocketUri(Venue.OKX) + "/ws/v5/public"))
            {
                okx.send("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"BTC-USDT-SWAP\"}]}");
                final JsonNode books = MAPPER.readTree(okx.next(m -> m.contains("\"data\""), TIMEOUT));
                final long seqId = books.get("data").get(0).get("seqId").asLong();
                assertNotNull(simulators.groundTruthAt(Venue.OKX, "BTC-USDT-SWAP", seqId));
            }
            try (WebSocketTestClient bybit = WebSocketTestClient.connect(
                simulators.webSocketUri(Venue.BYBIT) + "/v5/public/linear"))
            {
                bybit.send("{\"op\":\"subscribe\",\"args\":[\"orderbook.50.BTCUSDT\"]}");
                final JsonNode book = MAPPER.readTree(bybit.next(m -> m.contains("\"topic\""), TIMEOUT));
                assertNotNull(simulators.groundTruthAt(Venue.BYBIT, BybitProtocol.marketSymbol("linear", "BTCUSDT"),
                    book.get("data").get("seq").asLong()));
            }
            try (WebSocketTestClient coinbase = WebSocketTestClient.connect(simulators.webSocketUri(Venue.COINBASE)))
            {
                coinbase.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channel\":\"market_trades\"}");
                final JsonNode trades = MAPPER.readTree(coinbase.next(
                    m -> m.startsWith("{\"channel\":\"market_trades\""), TIMEOUT));
                assertEquals("BTC-USD", trades.get("events").get(0).get("trades").get(0).get("product_id").asText());
            }
        }
    }

    @Test
    void shouldDisconnectEveryVenuesConnections() throws Exception
    {
        try (VenueSimulators simulators = VenueSimulators.launch(ALL, new BinanceSimulatorContext()
            .messagesPerSecond(100).faults(new SimulatorFaults().disconnectEveryMs(300))))
        {
            final List<String> paths = List.of("/ws/btcusdt@trade", "/ws/v5/public", "/v5/public/spot", "/");
            for (int i = 0; i < ALL.size(); i++)
            {
                final URI uri = URI.create(simulators.webSocketUri(ALL.get(i)));
                try (RawWebSocketClient client = RawWebSocketClient.connect(uri.getHost(), uri.getPort(), paths.get(i)))
                {
                    assertTrue(client.awaitEnd(TIMEOUT), ALL.get(i) + " dropped the connection");
                }
                assertTrue(simulators.simulator(ALL.get(i)).faults().count(FaultKind.DISCONNECT, null) > 0);
            }
        }
    }
}
