package zvt.crypto.feed.rest.klines;

import java.io.IOException;

/** A kline answer the parser cannot use: the venue's error envelope, or a body that is not the documented shape. */
public final class KlineFormatException extends IOException
{
    public KlineFormatException(final String message)
    {
        super(message);
    }
}
