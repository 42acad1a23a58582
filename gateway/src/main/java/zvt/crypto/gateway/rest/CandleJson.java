package zvt.crypto.gateway.rest;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import zvt.crypto.persistence.query.CandleRow;

/** How the {@code ohlcv} route writes one bar: the only place, so cached and freshly read bars are the same bytes. */
final class CandleJson
{
    private CandleJson()
    {
    }

    static void write(final JsonGenerator body, final CandleRow row) throws IOException
    {
        body.writeStartObject();
        body.writeStringField("openTime", row.openTime().toString());
        body.writeStringField("open", row.open());
        body.writeStringField("high", row.high());
        body.writeStringField("low", row.low());
        body.writeStringField("close", row.close());
        body.writeStringField("volume", row.volume());
        body.writeStringField("quoteVolume", row.quoteVolume()); // a null string is written as null
        if (row.tradeCount() == null)
        {
            body.writeNullField("tradeCount");
        }
        else
        {
            body.writeNumberField("tradeCount", row.tradeCount());
        }
        if (row.closed() == null)
        {
            body.writeNullField("closed");
        }
        else
        {
            body.writeBooleanField("closed", row.closed());
        }
        body.writeEndObject();
    }
}
