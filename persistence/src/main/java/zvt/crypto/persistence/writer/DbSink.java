package zvt.crypto.persistence.writer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import zvt.crypto.core.codec.BookUpdateDecoder;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.MessageHeaderDecoder;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.TradeDecoder;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentDefinitionCodec;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalInstruments;
import zvt.crypto.persistence.sink.JournalSink;
import zvt.crypto.persistence.schema.SchemaMigrator;

/**
 * The database writer as a journal sink: turns entries into COPY rows and commits each batch together with the
 * journal index it reached, in one transaction. Its tailer (see {@link DbWriter}) reads, batches and backs off.
 * <p>
 * Exactly once: the checkpoint commits atomically with the rows it covers and a restart resumes after it, so trades
 * after the checkpoint are new and are COPYed straight into their table. Should a direct COPY still meet a trade
 * already there (the checkpoint was reset, or held back at the start of an unfinished book snapshot) the batch is
 * rolled back and that range re-read through staging with {@code ON CONFLICT DO NOTHING}; candles, books and
 * instruments are always upserted. A range read twice therefore changes nothing the second time.
 * <p>
 * Candles, from trades and from venues, are the {@link WriterCandles} stage; their state commits with the checkpoint.
 * <p>
 * Thread-safety: every method runs on the tailer thread.
 */
final class DbSink implements JournalSink
{
    private static final Logger LOG = LoggerFactory.getLogger(DbSink.class);
    private static final byte[] BUY = "buy".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SELL = "sell".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONE = "none".getBytes(StandardCharsets.US_ASCII);
    private static final byte JOURNAL_TRADE_ID_PREFIX = 'j';
    private static final String UNIQUE_VIOLATION = "23505";

    private final DbWriterContext context;
    private final DbWriterStatus status;
    private final Journal journal;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final WriterCandles candles;
    private final BookUpdateDecoder book = new BookUpdateDecoder();
    private final InstrumentDefinitionCodec definitions = new InstrumentDefinitionCodec();
    private final Int2ObjectHashMap<InstrumentNames> names = new Int2ObjectHashMap<>();
    private final BinaryCopyRowBuffer trades;
    private final CopyRowBuffer books = new CopyRowBuffer(64 * 1024);
    private final List<Instrument> pendingInstruments = new ArrayList<>();
    private final BookSnapshotAssembler snapshots = new BookSnapshotAssembler();
    private final InstrumentRegistry instruments;

    private Connection connection;
    private CopyManager copyManager;
    private long lastReadIndex = Journal.NO_INDEX;
    /** Receive time of the batch's oldest entry, for the receive → database hop; 0 while the batch is empty. */
    private long batchFirstReceiveNanos;
    private long unknownInstrumentEvents;
    private long firstTradeIndex;
    private long stagedUntilIndex = Journal.NO_INDEX;

    DbSink(final DbWriterContext context, final DbWriterStatus status)
    {
        this.context = context;
        this.status = status;
        this.journal = context.journal();
        this.trades = new BinaryCopyRowBuffer(Math.max(64 * 1024, context.maxBatchRows() * 200));
        this.instruments = new InstrumentRegistry();
        this.candles = new WriterCandles(this::names, context.writerId());
    }

    public String name()
    {
        return "db-writer-" + context.writerId();
    }

    public void onStart()
    {
        JournalInstruments.restore(journal, instruments);
    }

    public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long index)
    {
        final long indexBefore = lastReadIndex;
        lastReadIndex = index;
        if (length < EventView.MIN_LENGTH)
        {
            return;
        }
        if (batchFirstReceiveNanos == 0)
        {
            batchFirstReceiveNanos = EventView.receiveTimeNanos(buffer, offset);
        }
        final int templateId = EventView.templateId(buffer, offset);
        if (templateId == EventType.TRADE.templateId())
        {
            trade.wrapAndApplyHeader(buffer, offset, header);
            final InstrumentNames name = names(trade.instrumentId());
            if (name != null)
            {
                addTrade(name, index);
                candles.onTrade(trade, index);
            }
        }
        else if (templateId == EventType.INSTRUMENT.templateId())
        {
            addInstrument(buffer, offset, length);
        }
        else if (templateId == EventType.CANDLE.templateId())
        {
            candles.onCandle(buffer, offset, index);
        }
        else if (templateId == EventType.BOOK_UPDATE.templateId())
        {
            book.wrapAndApplyHeader(buffer, offset, header);
            if (book.kind() == BookUpdateKind.SNAPSHOT)
            {
                final InstrumentNames name = names(book.instrumentId());
                final BookSnapshotAssembler.Snapshot snapshot = snapshots.onSnapshotEvent(book, indexBefore);
                if (name != null && snapshot != null)
                {
                    addBook(name, snapshot);
                }
            }
        }
    }

    private void addTrade(final InstrumentNames name, final long index)
    {
        final BinaryCopyRowBuffer row = trades;
        final long exchangeMicros = trade.exchangeTimeNanos() / 1000;
        if (trades.rows() == 0)
        {
            firstTradeIndex = index;
        }
        row.raw(name.entityId).timestampMicros(exchangeMicros);
        final int tradeIdLength = trade.venueTradeIdLength();
        if (tradeIdLength == 0)
        {
            trade.skipVenueTradeId();
            row.prefixedNumber(JOURNAL_TRADE_ID_PREFIX, index);
        }
        else
        {
            final int tradeIdOffset = trade.limit() + TradeDecoder.venueTradeIdHeaderLength();
            row.ascii(trade.buffer(), tradeIdOffset, tradeIdLength);
            trade.skipVenueTradeId();
        }
        row.decimal(trade.price().mantissa(), trade.price().exponent())
            .decimal(trade.size().mantissa(), trade.size().exponent());
        final Side side = trade.aggressorSide();
        row.raw(side == Side.BUY ? BUY : side == Side.SELL ? SELL : NONE)
            .raw(name.exchange)
            .raw(name.symbol);
        if (side == Side.BUY || side == Side.SELL)
        {
            row.bool(side == Side.SELL);
        }
        else
        {
            row.nullValue();
        }
        row.timestampMicros(trade.receiveTimeNanos() / 1000).number(index).endRow();
    }

    private void addBook(final InstrumentNames name, final BookSnapshotAssembler.Snapshot snapshot)
    {
        books.raw(name.entityId).number(snapshot.exchangeTimeNanos / 1000).number(snapshot.sequence)
            .raw(name.exchange).raw(name.symbol)
            .column(snapshot.bids, 0, snapshot.bidsLength)
            .column(snapshot.asks, 0, snapshot.asksLength)
            .endRow();
    }

    private void addInstrument(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            final Instrument instrument = definitions.decode(buffer, offset, length);
            instruments.put(instrument);
            names.remove(instrument.id());
            pendingInstruments.add(instrument);
        }
        catch (final RuntimeException ex)
        {
            if (unknownInstrumentEvents++ == 0)
            {
                LOG.warn("db writer: skipping an instrument definition it cannot decode: {}", ex.toString());
            }
        }
    }

    private InstrumentNames names(final int instrumentId)
    {
        InstrumentNames name = names.get(instrumentId);
        if (name == null)
        {
            final Instrument instrument = instruments.byIdOrNull(instrumentId);
            if (instrument == null)
            {
                if (unknownInstrumentEvents++ == 0)
                {
                    LOG.warn("db writer: event for instrument id {} with no definition in the journal; such events" +
                        " are skipped (counted)", instrumentId);
                }
                return null;
            }
            name = new InstrumentNames(instrument);
            names.put(instrumentId, name);
        }
        return name;
    }

    public int batched()
    {
        return trades.rows() + candles.rows() + books.rows();
    }

    public long commit(final long lastIndex) throws SQLException
    {
        final long checkpoint = snapshots.safeCheckpoint(lastIndex);
        try
        {
            long written = upsertInstruments();
            if (trades.rows() > 0)
            {
                written += writeTrades();
            }
            written += candles.write(connection, copyManager, lastReadIndex);
            if (books.rows() > 0)
            {
                books.copyInto(copyManager, WriterSql.COPY_BOOKS);
                try (Statement statement = connection.createStatement())
                {
                    written += statement.executeUpdate(WriterSql.INSERT_BOOKS);
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(WriterSql.UPSERT_CHECKPOINT))
            {
                statement.setString(1, context.writerId());
                statement.setLong(2, checkpoint);
                statement.setLong(3, candles.candleIndex());
                statement.setLong(4, written);
                statement.executeUpdate();
            }
            connection.commit();
            if (context.latencies() != null && batchFirstReceiveNanos != 0)
            {
                context.latencies().receiveToDatabase()
                    .record(context.latencies().clock().nanoTime() - batchFirstReceiveNanos);
            }
            status.onCommit(written, unknownInstrumentEvents + candles.skipped(), candles.lateTrades());
            clearBatch();
            return checkpoint;
        }
        catch (final SQLException ex)
        {
            if (UNIQUE_VIOLATION.equals(ex.getSQLState()) && firstTradeIndex > stagedUntilIndex)
            {
                return rereadStaged(lastIndex);
            }
            throw ex;
        }
    }

    /**
     * COPYs the batch's trades: straight into the table when the range is new, through staging with ON CONFLICT
     * when it may have been written before.
     *
     * @return trades inserted.
     */
    private long writeTrades() throws SQLException
    {
        if (firstTradeIndex > stagedUntilIndex)
        {
            return trades.copyInto(copyManager, WriterSql.COPY_TRADES_DIRECT);
        }
        trades.copyInto(copyManager, WriterSql.COPY_TRADES_STAGED);
        try (Statement statement = connection.createStatement())
        {
            return statement.executeUpdate(WriterSql.INSERT_STAGED_TRADES);
        }
    }

    /**
     * A direct COPY met a trade already in the table: this range was written before (the checkpoint was reset,
     * or held back at an unfinished book snapshot). Roll back and re-read it through staging, which ignores
     * duplicates, up to where this batch reached.
     */
    private long rereadStaged(final long lastIndex) throws SQLException
    {
        LOG.info("db writer {}: a journal range up to index {} was written before; re-reading it with" +
            " duplicate-safe inserts", context.writerId(), lastIndex);
        stagedUntilIndex = lastIndex;
        connection.rollback();
        return REREAD;
    }

    private long upsertInstruments() throws SQLException
    {
        return InstrumentRows.upsert(connection, pendingInstruments);
    }

    public void connect() throws SQLException
    {
        if (status.storage() == null)
        {
            status.storage(context.migrate() ?
                SchemaMigrator.migrate(context.database()) : SchemaMigrator.read(context.database()));
        }
        connection = context.database().connect();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement())
        {
            for (final String create : WriterSql.CREATE_STAGING)
            {
                statement.execute(create);
            }
        }
        copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    /**
     * Reads the checkpoint and the trade candles' state committed with it. No checkpoint means starting from the
     * beginning of the journal, so any state left without one is deleted.
     */
    public long resume() throws SQLException
    {
        long checkpoint = Journal.NO_INDEX;
        long candlesUpTo = Journal.NO_INDEX;
        boolean found = false;
        try (PreparedStatement statement = connection.prepareStatement(WriterSql.SELECT_CHECKPOINT))
        {
            statement.setString(1, context.writerId());
            try (ResultSet result = statement.executeQuery())
            {
                if (result.next())
                {
                    found = true;
                    checkpoint = result.getLong(1);
                    candlesUpTo = result.getLong(2);
                }
            }
        }
        candles.restore(connection, context.writerId(), found, candlesUpTo);
        connection.commit();
        lastReadIndex = checkpoint;
        return checkpoint;
    }

    public void discard()
    {
        clearBatch();
        snapshots.clear();
    }

    public void disconnect()
    {
        if (connection != null)
        {
            try
            {
                connection.rollback();
            }
            catch (final SQLException ignore)
            {
                // the connection is being dropped anyway
            }
            CloseHelper.quietClose(connection);
            connection = null;
            copyManager = null;
        }
    }

    private void clearBatch()
    {
        trades.reset();
        books.reset();
        candles.clearBatch();
        pendingInstruments.clear();
        batchFirstReceiveNanos = 0;
    }
}
