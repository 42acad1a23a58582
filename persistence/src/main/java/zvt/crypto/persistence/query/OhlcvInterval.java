package zvt.crypto.persistence.query;

import java.time.Duration;

/**
 * The candle intervals the database stores, each in its own table.
 */
public enum OhlcvInterval
{
    M1("1m", "crypto_ohlcv_1m", Duration.ofMinutes(1)),
    M5("5m", "crypto_ohlcv_5m", Duration.ofMinutes(5)),
    M15("15m", "crypto_ohlcv_15m", Duration.ofMinutes(15)),
    H1("1h", "crypto_ohlcv_1h", Duration.ofHours(1)),
    D1("1d", "crypto_ohlcv_1d", Duration.ofDays(1));

    private final String label;
    private final String table;
    private final Duration duration;

    OhlcvInterval(final String label, final String table, final Duration duration)
    {
        this.label = label;
        this.table = table;
        this.duration = duration;
    }

    /** How long one bar spans. */
    public Duration duration()
    {
        return duration;
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
