package zvt.crypto.persistence.writer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
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
import zvt.crypto.journal.JournalEventListener;
import zvt.crypto.journal.JournalHead;
import zvt.crypto.journal.JournalInstruments;
import zvt.crypto.journal.JournalReader;
import zvt.crypto.persistence.schema.SchemaMigrator;

/**
 * The database writer's duty cycle: tail the journal, turn entries into COPY rows, and commit each batch together
 * with the journal index it reached. Runs on its own thread (see {@link DbWriter}); reads the journal, never the
 * ring, so a slow or dead database can delay only this thread.
 * <p>
 * Exactly once: the checkpoint commits atomically with the rows it covers and a restart resumes after it, so trades
 * after the checkpoint are new and are COPYed straight into their table. Should a direct COPY still meet a trade
 * already there (the checkpoint was reset, or held back at the start of an unfinished book snapshot) the batch is
 * rolled back and that range re-read through staging with {@code ON CONFLICT DO NOTHING}; candles, books and
 * instruments are always upserted. A range read twice therefore changes nothing the second time. On any database
 * failure the batch is dropped, the connection closed and the journal re-read from the checkpoint after a capped
 * exponential backoff.
 * <p>
 * Candles, from trades and from venues, are the {@link WriterCandles} stage; their state commits with the checkpoint.
 * <p>
 * Thread-safety: every method but the status getters of {@link DbWriter} runs on the agent thread.
 */
final class DbWriterAgent implements Agent, JournalEventListener
{
    private static final Logger LOG = LoggerFactory.getLogger(DbWriterAgent.class);
    private static final long LAG_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final byte[] BUY = "buy".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SELL = "sell".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONE = "none".getBytes(StandardCharsets.US_ASCII);
    private static final byte JOURNAL_TRADE_ID_PREFIX = 'j';
    private static final String UNIQUE_VIOLATION = "23505";

    private final DbWriterContext context;
    private final DbWriterStatus status;
    private final Journal journal;
    private final EpochNanoClock clock;
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

    private JournalReader reader;
    private JournalHead head;
    private Connection connection;
    private CopyManager copyManager;
    private long committedIndex = Journal.NO_INDEX;
    private long committedReceiveNanos;
    private long lastReadIndex = Journal.NO_INDEX;
    private long lastReadReceiveNanos;
    private int pendingEntries;
    private long batchStartNanos;
    private long retryAtNanos;
    private long retryDelayNanos;
    private long outageStartNanos;
    private long nextLagNanos;
    private long unknownInstrumentEvents;
    private long firstTradeIndex;
    private long stagedUntilIndex = Journal.NO_INDEX;

    DbWriterAgent(final DbWriterContext context, final DbWriterStatus status)
    {
        this.context = context;
        this.status = status;
        this.journal = context.journal();
        this.clock = context.clock();
        this.trades = new BinaryCopyRowBuffer(Math.max(64 * 1024, context.maxBatchRows() * 200));
        this.instruments = new InstrumentRegistry();
        this.candles = new WriterCandles(this::names, context.writerId());
        this.retryDelayNanos = context.retryMinNanos();
    }

    public String roleName()
    {
        return "db-writer-" + context.writerId();
    }

    public void onStart()
    {
        JournalInstruments.restore(journal, instruments);
        reader = journal.newReader();
        head = journal.newHead();
    }

    public int doWork()
    {
        final long now = clock.nanoTime();
        if (connection == null && !connect(now))
        {
            updateLag(now);
            return 0;
        }
        int work = 0;
        final int rowLimit = context.maxBatchRows();
        while (rows() < rowLimit && work < rowLimit && reader.readNext(this))
        {
            work++;
        }
        if (pendingEntries > 0 && (rows() >= rowLimit || now - batchStartNanos >= context.maxBatchDelayNanos()))
        {
            work += flush(now);
        }
        updateLag(now);
        return work;
    }

    public void onClose()
    {
        CloseHelper.quietCloseAll(reader, head);
        closeConnection();
        LOG.info("db writer {} stopped at journal index {} ({} rows written)", context.writerId(), committedIndex,
            status.rowsWritten());
    }

    public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long index)
    {
        final long indexBefore = lastReadIndex;
        if (pendingEntries++ == 0)
        {
            batchStartNanos = clock.nanoTime();
        }
        lastReadIndex = index;
        if (length < EventView.MIN_LENGTH)
        {
            return;
        }
        lastReadReceiveNanos = EventView.receiveTimeNanos(buffer, offset);
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

    private int rows()
    {
        return trades.rows() + candles.rows() + books.rows();
    }

    private int flush(final long now)
    {
        final long checkpoint = snapshots.safeCheckpoint(lastReadIndex);
        final int rows = rows();
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
            committedIndex = checkpoint;
            committedReceiveNanos = checkpoint == lastReadIndex ? lastReadReceiveNanos : committedReceiveNanos;
            status.onBatch(committedIndex, written, rows);
            clearBatch();
            return rows;
        }
        catch (final SQLException ex)
        {
            if (UNIQUE_VIOLATION.equals(ex.getSQLState()) && firstTradeIndex > stagedUntilIndex)
            {
                rereadStaged();
            }
            else
            {
                onFailure(now, ex);
            }
            return 0;
        }
        catch (final RuntimeException ex)
        {
            onFailure(now, ex);
            return 0;
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
    private void rereadStaged()
    {
        LOG.info("db writer {}: journal range after index {} was written before; re-reading it with duplicate-safe" +
            " inserts up to index {}", context.writerId(), committedIndex, lastReadIndex);
        stagedUntilIndex = lastReadIndex;
        try
        {
            connection.rollback();
            resume();
        }
        catch (final SQLException ex)
        {
            onFailure(clock.nanoTime(), ex);
        }
    }

    private long upsertInstruments() throws SQLException
    {
        return InstrumentRows.upsert(connection, pendingInstruments);
    }

    private boolean connect(final long now)
    {
        if (now < retryAtNanos)
        {
            return false;
        }
        try
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
            final long checkpoint = resume();
            if (outageStartNanos != 0)
            {
                LOG.info("db writer {}: database reachable again after {} ms; resuming after journal index {}",
                    context.writerId(), TimeUnit.NANOSECONDS.toMillis(now - outageStartNanos), checkpoint);
                outageStartNanos = 0;
            }
            else
            {
                LOG.info("db writer {} connected to {}; resuming after journal index {}", context.writerId(),
                    context.database().url(), checkpoint);
            }
            retryDelayNanos = context.retryMinNanos();
            status.connected(true);
            return true;
        }
        catch (final SQLException | RuntimeException ex)
        {
            onFailure(now, ex);
            return false;
        }
    }

    /**
     * Reads the checkpoint and the trade candles' state committed with it, and positions the reader after it. No
     * checkpoint means starting from the beginning of the journal, so any state left without one is deleted.
     *
     * @return the checkpoint.
     */
    private long resume() throws SQLException
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
        position(checkpoint);
        return checkpoint;
    }

    private void position(final long checkpoint)
    {
        committedIndex = checkpoint;
        clearBatch();
        snapshots.clear();
        lastReadIndex = checkpoint;
        if (checkpoint == Journal.NO_INDEX)
        {
            reader.toStart();
        }
        else if (!reader.moveAfterIndex(checkpoint))
        {
            LOG.warn("db writer {}: checkpoint index {} is no longer in the journal (retention, or a new journal);" +
                " re-reading from the start, duplicates are ignored", context.writerId(), checkpoint);
            reader.toStart();
        }
        status.onBatch(committedIndex, 0, 0);
    }

    private void onFailure(final long now, final Exception ex)
    {
        if (outageStartNanos == 0)
        {
            outageStartNanos = now;
            LOG.warn("db writer {}: database unavailable ({}); the journal keeps everything, retrying with backoff" +
                " up to {} ms", context.writerId(), ex.toString(), TimeUnit.NANOSECONDS.toMillis(context.retryMaxNanos()));
        }
        status.onFailure();
        closeConnection();
        clearBatch();
        snapshots.clear();
        retryAtNanos = now + retryDelayNanos;
        retryDelayNanos = Math.min(retryDelayNanos * 2, context.retryMaxNanos());
    }

    private void closeConnection()
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
        status.connected(false);
    }

    private void clearBatch()
    {
        trades.reset();
        books.reset();
        candles.clearBatch();
        pendingInstruments.clear();
        pendingEntries = 0;
    }

    private void updateLag(final long now)
    {
        if (now < nextLagNanos)
        {
            return;
        }
        nextLagNanos = now + LAG_INTERVAL_NANOS;
        final long lastIndex = head.lastIndex();
        long behind;
        try
        {
            behind = head.entriesBetween(committedIndex, lastIndex);
        }
        catch (final RuntimeException ex)
        {
            behind = -1; // the checkpoint's cycle is gone; unknown until the writer catches up
        }
        final long lagNanos = behind == 0 ? 0 :
            now - (committedIndex == Journal.NO_INDEX ? batchStartNanos : committedReceiveNanos);
        status.lag(lastIndex, behind, Math.max(0, lagNanos), unknownInstrumentEvents, candles.skipped(),
            candles.lateTrades());
    }
}
