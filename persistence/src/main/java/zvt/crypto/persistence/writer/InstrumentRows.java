package zvt.crypto.persistence.writer;

import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.persistence.EntityIds;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Instrument definitions from the journal → rows of {@code crypto_pairs} and {@code crypto_assets}, upserted in the
 * writer's batch transaction. Rare (a few per journal cycle), so plain JDBC batches.
 */
final class InstrumentRows
{
    private InstrumentRows()
    {
    }

    /** @return the number of instruments written. */
    static long upsert(final Connection connection, final List<Instrument> pendingInstruments) throws SQLException
    {
        if (pendingInstruments.isEmpty())
        {
            return 0;
        }
        try (PreparedStatement pair = connection.prepareStatement(WriterSql.UPSERT_PAIR);
            PreparedStatement asset = connection.prepareStatement(WriterSql.INSERT_ASSET))
        {
            for (final Instrument instrument : pendingInstruments)
            {
                final String entityId = EntityIds.entityId(
                    instrument.venue(), instrument.marketType(), instrument.symbol());
                final int dash = instrument.symbol().indexOf('-');
                final String base = dash > 0 ? instrument.symbol().substring(0, dash) : instrument.symbol();
                final String quote = dash > 0 ? instrument.symbol().substring(dash + 1) : "";
                pair.setString(1, entityId);
                pair.setString(2, entityId);
                pair.setString(3, EntityIds.exchange(instrument.venue()));
                pair.setString(4, EntityIds.marketType(instrument.marketType()));
                pair.setString(5, instrument.symbol());
                pair.setString(6, instrument.venueSymbol());
                pair.setInt(7, instrument.id());
                pair.setString(8, base);
                pair.setString(9, quote);
                pair.setBigDecimal(10, step(instrument.tickSize(), instrument.priceExponent()));
                pair.setBigDecimal(11, step(instrument.lotSize(), instrument.sizeExponent()));
                pair.addBatch();
                for (final String assetSymbol : new String[] {base, quote})
                {
                    if (!assetSymbol.isEmpty())
                    {
                        asset.setString(1, assetSymbol);
                        asset.setString(2, assetSymbol);
                        asset.setString(3, assetSymbol);
                        asset.addBatch();
                    }
                }
            }
            pair.executeBatch();
            asset.executeBatch();
            return pendingInstruments.size();
        }
    }

    private static BigDecimal step(final long mantissa, final int exponent)
    {
        return mantissa == 0 ? null : BigDecimal.valueOf(mantissa, -exponent);
    }
}
