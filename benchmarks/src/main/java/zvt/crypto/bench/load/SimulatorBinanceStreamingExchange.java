package zvt.crypto.bench.load;

import info.bitrich.xchangestream.binance.BinanceStreamingExchange;

/**
 * XChange's streaming Binance client pointed at our Binance simulator: XChange builds its stream URL from
 * {@link #getStreamingBaseUri()}, which has no setting, so the base comes from the exchange specification's
 * {@code Simulator_Stream_Uri} parameter (e.g. {@code ws://127.0.0.1:40123/}).
 */
public final class SimulatorBinanceStreamingExchange extends BinanceStreamingExchange
{
    public static final String STREAM_URI = "Simulator_Stream_Uri";

    protected String getStreamingBaseUri()
    {
        return (String)getExchangeSpecification().getExchangeSpecificParametersItem(STREAM_URI);
    }
}
