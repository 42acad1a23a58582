package zvt.crypto.persistence.query;

/**
 * The candle intervals the database stores, each in its own table.
 */
public enum OhlcvInterval
{
    M1("1m", "crypto_ohlcv_1m"),
    M5("5m", "crypto_ohlcv_5m"),
    M15("15m", "crypto_ohlcv_15m"),
    H1("1h", "crypto_ohlcv_1h"),
    D1("1d", "crypto_ohlcv_1d");

    private final String label;
    private final String table;

    OhlcvInterval(final String label, final String table)
    {
        this.label = label;
        this.table = table;
    }

    public String label()
    {
        return label;
    }

    String table()
    {
        return table;
    }

    /** @throws IllegalArgumentException naming the accepted labels. */
    public static OhlcvInterval ofLabel(final String label)
    {
        for (final OhlcvInterval interval : values())
        {
            if (interval.label.equals(label))
            {
                return interval;
            }
        }
        throw new IllegalArgumentException("unknown interval " + label + " (1m, 5m, 15m, 1h, 1d)");
    }
}
