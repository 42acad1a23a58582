package zvt.crypto.persistence.writer;

import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.persistence.EntityIds;

import java.nio.charset.StandardCharsets;

/** The text columns of one instrument, encoded once (ASCII; symbols never contain COPY's special bytes). */
final class InstrumentNames
{
    final byte[] entityId;
    final byte[] exchange;
    final byte[] symbol;
    final int instrumentId;

    InstrumentNames(final Instrument instrument)
    {
        entityId = EntityIds.entityId(instrument.venue(), instrument.marketType(), instrument.symbol())
            .getBytes(StandardCharsets.US_ASCII);
        exchange = EntityIds.exchange(instrument.venue()).getBytes(StandardCharsets.US_ASCII);
        symbol = instrument.symbol().getBytes(StandardCharsets.US_ASCII);
        instrumentId = instrument.id();
    }
}
