-- Trade-built candles now come from core's TradeCandles inside the writer (the same aggregator the gateway runs),
-- not from SQL over crypto_trades: the per-minute first/last trade times that SQL merge needed are gone. What the
-- aggregator holds for each instrument (forming and last closed bars of every interval) is checkpointed here, in
-- the same transaction as the rows, with the journal index it covers (candle_index), so a restarted writer
-- continues every bar exactly where it stopped.
ALTER TABLE crypto_ohlcv_1m DROP COLUMN first_trade_time, DROP COLUMN last_trade_time;
ALTER TABLE crypto_ohlcv_5m DROP COLUMN first_trade_time, DROP COLUMN last_trade_time;
ALTER TABLE crypto_ohlcv_15m DROP COLUMN first_trade_time, DROP COLUMN last_trade_time;
ALTER TABLE crypto_ohlcv_1h DROP COLUMN first_trade_time, DROP COLUMN last_trade_time;
ALTER TABLE crypto_ohlcv_1d DROP COLUMN first_trade_time, DROP COLUMN last_trade_time;

ALTER TABLE zvt_writer_checkpoint ADD COLUMN candle_index BIGINT NOT NULL DEFAULT -1;

CREATE TABLE zvt_candle_state (
    writer_id VARCHAR(64) NOT NULL,
    instrument_id INTEGER NOT NULL,
    bars BYTEA NOT NULL,
    PRIMARY KEY (writer_id, instrument_id)
);
