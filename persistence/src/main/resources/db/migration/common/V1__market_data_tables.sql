-- zvt-crypto market data tables (platform spec "TimescaleDB Schema"), valid on plain PostgreSQL and on TimescaleDB.
-- Numbers are NUMERIC without a fixed scale: venues' decimals are stored exactly as they were written.
-- Every key includes what makes a re-write of the same journal entry hit the same row (idempotent writes), and the
-- time column, which TimescaleDB requires in every unique index of a hypertable.

CREATE TABLE crypto_assets (
    id VARCHAR(128) PRIMARY KEY,
    symbol VARCHAR(32) NOT NULL UNIQUE,
    full_name VARCHAR(256) NOT NULL,
    max_supply NUMERIC,
    circulating_supply NUMERIC,
    total_supply NUMERIC,
    market_cap NUMERIC,
    is_stablecoin BOOLEAN DEFAULT FALSE,
    consensus_mechanism VARCHAR(64),
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW()
);

-- id = entity_id = market type, venue and normalized symbol, e.g. spot_binance_BTC-USDT.
CREATE TABLE crypto_pairs (
    id VARCHAR(128) PRIMARY KEY,
    entity_id VARCHAR(128) NOT NULL,
    exchange VARCHAR(32) NOT NULL,
    market_type VARCHAR(16) NOT NULL,
    symbol VARCHAR(64) NOT NULL,
    venue_symbol VARCHAR(64) NOT NULL,
    instrument_id INTEGER NOT NULL,
    base_asset VARCHAR(32) NOT NULL,
    quote_asset VARCHAR(32) NOT NULL,
    price_step NUMERIC,
    qty_step NUMERIC,
    min_notional NUMERIC,
    maker_fee NUMERIC,
    taker_fee NUMERIC,
    is_active BOOLEAN DEFAULT TRUE,
    trading_enabled BOOLEAN DEFAULT TRUE,
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW(),
    UNIQUE (exchange, market_type, symbol)
);

-- One table per interval. source: trades (built from the journal's trades), venue_stream (kline streams),
-- rest (backfill). A key per source keeps a venue's own bar and ours side by side. closed: as the venue said;
-- null for bars built from trades (they change while trades for their period arrive); those carry the times of
-- their first and last trade so a later batch merges into them without reading the trades again.
CREATE TABLE crypto_ohlcv_1m (
    entity_id VARCHAR(128) NOT NULL,
    timestamp TIMESTAMPTZ NOT NULL,
    source VARCHAR(16) NOT NULL,
    open NUMERIC NOT NULL,
    high NUMERIC NOT NULL,
    low NUMERIC NOT NULL,
    close NUMERIC NOT NULL,
    volume NUMERIC NOT NULL,
    exchange VARCHAR(32) NOT NULL,
    symbol VARCHAR(64) NOT NULL,
    quote_volume NUMERIC,
    trade_count BIGINT,
    closed BOOLEAN,
    first_trade_time TIMESTAMPTZ,
    last_trade_time TIMESTAMPTZ,
    PRIMARY KEY (entity_id, source, timestamp)
);
CREATE TABLE crypto_ohlcv_5m (LIKE crypto_ohlcv_1m INCLUDING ALL);
CREATE TABLE crypto_ohlcv_15m (LIKE crypto_ohlcv_1m INCLUDING ALL);
CREATE TABLE crypto_ohlcv_1h (LIKE crypto_ohlcv_1m INCLUDING ALL);
CREATE TABLE crypto_ohlcv_1d (LIKE crypto_ohlcv_1m INCLUDING ALL);

-- trade_id is the venue's id, or j<journal index> when the venue gives none (deterministic on every re-write).
-- The key doubles as the range index of "trades of one instrument between two times".
CREATE TABLE crypto_trades (
    entity_id VARCHAR(128) NOT NULL,
    timestamp TIMESTAMPTZ NOT NULL,
    trade_id VARCHAR(128) NOT NULL,
    price NUMERIC NOT NULL,
    quantity NUMERIC NOT NULL,
    side VARCHAR(4) NOT NULL,
    exchange VARCHAR(32) NOT NULL,
    symbol VARCHAR(64) NOT NULL,
    is_buyer_maker BOOLEAN,
    receive_time TIMESTAMPTZ NOT NULL,
    journal_index BIGINT NOT NULL,
    PRIMARY KEY (entity_id, timestamp, trade_id)
);

-- Full book snapshots (BookUpdate SNAPSHOT batches); bids/asks are [[price, size], ...] with prices as strings.
CREATE TABLE crypto_orderbook (
    entity_id VARCHAR(128) NOT NULL,
    timestamp TIMESTAMPTZ NOT NULL,
    sequence BIGINT NOT NULL,
    exchange VARCHAR(32) NOT NULL,
    symbol VARCHAR(64) NOT NULL,
    bids JSONB NOT NULL,
    asks JSONB NOT NULL,
    PRIMARY KEY (entity_id, timestamp, sequence)
);

-- The journal index each writer has committed, updated in the same transaction as the rows it covers.
CREATE TABLE zvt_writer_checkpoint (
    writer_id VARCHAR(64) PRIMARY KEY,
    journal_index BIGINT NOT NULL,
    rows_written BIGINT NOT NULL DEFAULT 0,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

-- Which storage path the second migration took (plain or timescaledb), for readiness details.
CREATE TABLE zvt_storage_info (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    storage_path VARCHAR(16) NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
