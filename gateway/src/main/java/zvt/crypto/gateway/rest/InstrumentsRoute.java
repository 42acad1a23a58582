package zvt.crypto.gateway.rest;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;

/**
 * {@code instruments}: every instrument the node knows, with its normalized and venue symbols, market type, and the
 * exponents and steps prices and sizes use. {@code ?venue=OKX} narrows it to one venue.
 */
final class InstrumentsRoute extends TreeRoute
{
    private final ObjectMapper json;
    private final InstrumentRegistry instruments;

    InstrumentsRoute(final ObjectMapper json, final InstrumentRegistry instruments)
    {
        this.json = json;
        this.instruments = instruments;
    }

    public String template()
    {
        return RestApi.PREFIX + "/instruments";
    }

    public boolean blocking()
    {
        return false;
    }

    public JsonNode handle(final RestRequest request) throws RestException
    {
        final String venue = request.param("venue");
        final ArrayNode list = json.createArrayNode();
        for (final Instrument instrument : instruments.all())
        {
            if (venue == null || instrument.venue().name().equalsIgnoreCase(venue))
            {
                list.addObject()
                    .put("instrumentId", instrument.id())
                    .put("venue", instrument.venue().name())
                    .put("symbol", instrument.symbol())
                    .put("venueSymbol", instrument.venueSymbol())
                    .put("marketType", instrument.marketType().name().toLowerCase(Locale.ROOT))
                    .put("priceExponent", instrument.priceExponent())
                    .put("sizeExponent", instrument.sizeExponent())
                    .put("tickSize", instrument.tickSize())
                    .put("lotSize", instrument.lotSize());
            }
        }
        return json.createObjectNode().set("instruments", list);
    }
}
