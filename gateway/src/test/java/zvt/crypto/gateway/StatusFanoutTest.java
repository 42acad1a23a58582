package zvt.crypto.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.codec.VenueStatusCode;
import zvt.crypto.core.ring.ControlEventPublisher;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Venue status events, published by core's control publisher, reach clients subscribed to the venue's status channel.
 */
class StatusFanoutTest
{
    private final GatewayHarness harness = new GatewayHarness(new GatewayContext());

    @AfterEach
    void close()
    {
        harness.close();
    }

    @Test
    void shouldDeliverVenueWideStatusToVenueStatusSubscribersOnly()
    {
        final TestClient client = harness.connect();
        final JsonNode reply = client.request("{\"op\":\"subscribe\",\"channel\":\"status\",\"venue\":\"BINANCE\"}");
        assertEquals("subscribed", reply.path("type").asText(), reply.toString());
        assertEquals("status", reply.path("channel").asText());
        assertEquals(0, reply.path("instrumentId").asInt());

        final ControlEventPublisher publisher =
            new ControlEventPublisher(harness.ringBuffer(), new SystemEpochNanoClock());
        publisher.publishStatus(Venue.OKX, 0, VenueStatusCode.DISCONNECTED, "okx went away");
        publisher.publishStatus(Venue.BINANCE, harness.btcBinance.id(), VenueStatusCode.GAP_DETECTED, "one symbol");
        publisher.publishStatus(Venue.BINANCE, 0, VenueStatusCode.CONNECTED, "binance up");

        final JsonNode status = client.nextJson();
        assertEquals("status", status.path("type").asText(), status.toString());
        assertEquals("BINANCE", status.path("venue").asText());
        assertEquals("connected", status.path("status").asText());
        assertEquals("binance up", status.path("reason").asText());
        assertEquals(JournalIndexStub.FIRST_INDEX + 2, status.path("journalIndex").asLong());
        assertEquals(0, client.pending());
    }
}
