package zvt.crypto.feed.coinbase;

/** Frames in the recorded shapes (coinbase/advanced), numbered so that nothing is a duplicate or a gap. */
final class CoinbaseFrames
{
    private CoinbaseFrames()
    {
    }

    static String trades(final long sequence, final long tradeId)
    {
        return "{\"channel\":\"market_trades\",\"client_id\":\"\",\"timestamp\":\"2026-08-09T21:05:49.553346966Z\"," +
            "\"sequence_num\":" + sequence + ",\"events\":[{\"type\":\"update\",\"trades\":[{\"product_id\":" +
            "\"BTC-USD\",\"trade_id\":\"" + tradeId + "\",\"price\":\"65083.67\",\"size\":\"0.00152112\"," +
            "\"time\":\"2026-08-09T21:05:49.507468Z\",\"side\":\"SELL\"}]}]}";
    }

    static String ticker(final long sequence)
    {
        return "{\"channel\":\"ticker\",\"client_id\":\"\",\"timestamp\":\"" + time(sequence) +
            "\",\"sequence_num\":" + sequence +
            ",\"events\":[{\"type\":\"update\",\"tickers\":[{\"type\":\"ticker\",\"product_id\":" +
            "\"BTC-USD\",\"price\":\"65086.18\",\"volume_24_h\":\"2867.54532609\",\"low_24_h\":\"64675.22\"," +
            "\"high_24_h\":\"65252.99\",\"low_52_w\":\"57717.55\",\"high_52_w\":\"126296\"," +
            "\"price_percent_chg_24_h\":\"0.09601107287722\",\"best_bid\":\"65083.66\",\"best_ask\":\"65083.67\"," +
            "\"best_bid_quantity\":\"0.20371215\",\"best_ask_quantity\":\"0.24290402\"}]}]}";
    }

    static String candle(final long sequence)
    {
        return "{\"channel\":\"candles\",\"client_id\":\"\",\"timestamp\":\"" + time(sequence) +
            "\",\"sequence_num\":" + sequence +
            ",\"events\":[{\"type\":\"update\",\"candles\":[{\"start\":\"1786309500\",\"high\":" +
            "\"65100.01\",\"low\":\"65050\",\"open\":\"65080.5\",\"close\":\"65083.67\",\"volume\":\"12.3456789\"," +
            "\"product_id\":\"BTC-USD\"}]}]}";
    }

    static String l2Update(final long sequence)
    {
        return "{\"channel\":\"l2_data\",\"client_id\":\"\",\"timestamp\":\"" + time(sequence) +
            "\",\"sequence_num\":" + sequence +
            ",\"events\":[{\"type\":\"update\",\"product_id\":\"BTC-USD\",\"updates\":[{\"side\":" +
            "\"offer\",\"event_time\":\"2026-08-09T21:05:48.264069Z\",\"price_level\":\"65106.54\",\"new_quantity\":" +
            "\"0.15361938\"},{\"side\":\"bid\",\"event_time\":\"2026-08-09T21:05:48.264069Z\",\"price_level\":" +
            "\"65055.5\",\"new_quantity\":\"0\"}]}]}";
    }

    static String l2Snapshot(final long sequence)
    {
        return "{\"channel\":\"l2_data\",\"client_id\":\"\",\"timestamp\":\"2026-08-09T21:05:48.483587501Z\"," +
            "\"sequence_num\":" + sequence + ",\"events\":[{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\"," +
            "\"updates\":[{\"side\":\"bid\",\"event_time\":\"2026-08-09T21:05:48.170326Z\",\"price_level\":" +
            "\"65083.66\",\"new_quantity\":\"0.20371215\"},{\"side\":\"offer\",\"event_time\":" +
            "\"2026-08-09T21:05:48.170326Z\",\"price_level\":\"65083.67\",\"new_quantity\":\"0.24290402\"}]}]}";
    }

    /** A distinct, rising envelope time per sequence number (quotes and candles are ordered by it). */
    static String time(final long sequence)
    {
        return String.format("2026-08-09T21:%02d:%02d.%09dZ", sequence / 60_000_000 % 60, sequence / 1_000_000 % 60,
            sequence % 1_000_000 * 1_000);
    }
}
