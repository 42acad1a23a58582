package zvt.crypto.core.candle;

/**
 * Receives bars as they close. The bar is reused by its producer once the call returns: copy what you keep
 * ({@link CandleBar#copyFrom}). Called on the producer's thread.
 */
@FunctionalInterface
public interface CandleListener
{
    void onCandle(CandleBar bar);
}
