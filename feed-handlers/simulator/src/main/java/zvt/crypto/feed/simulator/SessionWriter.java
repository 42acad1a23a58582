package zvt.crypto.feed.simulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import org.agrona.AsciiEncoding;
import org.agrona.DirectBuffer;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The outbound side of one connection: frames messages and batches them. Each WebSocket text frame (header, the
 * venue's per-connection envelope, the payload with the connection's sequence number spliced in where the venue
 * numbers messages per connection) is copied into one pooled buffer per tick, written and flushed once at the end of
 * the tick, so a message costs a copy and no object. Message faults (drop, duplicate, reorder, malformed) are
 * decided here, with a random generator seeded from the simulator's seed and the connection id, and recorded in the
 * {@link FaultLog}. Used on the simulator's event loop only.
 */
final class SessionWriter
{
    private static final int TEXT_FINAL = 0x81;
    private static final int BATCH_INITIAL_BYTES = 64 * 1024;
    /** A batch this large is written at once rather than at the end of the tick. */
    private static final int BATCH_MAX_BYTES = 1 << 20;
    private static final int KINDS = StreamKind.values().length;

    private final BinanceSimulatorContext context;
    private final SimulatorCounters counters;
    private final FaultLog faultLog;
    private final boolean messageFaults;
    private final int[] batchCounts = new int[KINDS];
    private final ByteBuf held = Unpooled.buffer(BATCH_INITIAL_BYTES);
    private Channel channel;
    private VenueSession venue;
    private SplittableRandom faultRandom;
    private long connectionId;
    private ByteBuf batch;
    private Object heldStream;
    private StreamKind heldKind;
    private String heldSymbol;
    private long heldFirst;
    private long heldLast;
    private boolean unflushed;

    SessionWriter(final BinanceSimulatorContext context, final SimulatorCounters counters, final FaultLog faultLog)
    {
        this.context = context;
        this.counters = counters;
        this.faultLog = faultLog;
        this.messageFaults = context.faults().anyMessageFault();
    }

    void open(final Channel channel, final VenueSession venue, final long connectionId)
    {
        this.channel = channel;
        this.venue = venue;
        this.connectionId = connectionId;
        this.faultRandom = new SplittableRandom(context.seed() * 31 + connectionId);
    }

    /**
     * Writes one message to the batch, subject to the configured message faults.
     *
     * @param streamKey identifies the stream for reordering (a message is held back until the next one of the same
     *                  stream); any object, compared by identity.
     */
    void send(
        final StreamKind kind,
        final byte[] streamName,
        final String venueSymbol,
        final Object streamKey,
        final DirectBuffer payload,
        final int length,
        final int spliceAt,
        final long first,
        final long last)
    {
        if (!channel.isWritable())
        {
            counters.incrementMessagesDropped();
            consumeSequence(spliceAt);
            record(FaultKind.BACKPRESSURE_DROP, kind, venueSymbol, first, last, 1);
            return;
        }
        final ByteBuf target = batch();
        if (messageFaults)
        {
            final SimulatorFaults faults = context.faults();
            final double dice = faultRandom.nextDouble();
            final double drop = faults.drop(kind);
            final double duplicate = drop + faults.duplicate(kind);
            final double reorder = duplicate + faults.reorder(kind);
            final double malformed = reorder + faults.malformed(kind);
            if (dice < drop)
            {
                consumeSequence(spliceAt);
                record(FaultKind.DROP, kind, venueSymbol, first, last, 1);
                return;
            }
            if (dice < duplicate)
            {
                final int start = target.writerIndex();
                writeFrame(target, streamName, payload, length, spliceAt, false);
                // The copy is the same frame, sequence number included, as a venue's retransmission would be.
                target.writeBytes(target, start, target.writerIndex() - start);
                sent(kind);
                sent(kind);
                record(FaultKind.DUPLICATE, kind, venueSymbol, first, last, 1);
                releaseHeldAfter(streamKey, target);
                return;
            }
            else if (dice < reorder)
            {
                if (heldStream == null)
                {
                    held.clear();
                    writeFrame(held, streamName, payload, length, spliceAt, false);
                    heldStream = streamKey;
                    heldKind = kind;
                    heldSymbol = venueSymbol;
                    heldFirst = first;
                    heldLast = last;
                    return;
                }
            }
            else if (dice < malformed)
            {
                writeFrame(target, streamName, payload, length, spliceAt, true);
                record(FaultKind.MALFORMED, kind, venueSymbol, first, last, 1);
                return;
            }
        }
        writeFrame(target, streamName, payload, length, spliceAt, false);
        sent(kind);
        releaseHeldAfter(streamKey, target);
    }

    /** Writes a frame now, with no faults and not counted as a market message. */
    void sendUnfaulted(final byte[] streamName, final DirectBuffer payload, final int length)
    {
        writeFrame(batch(), streamName, payload, length, WireSink.NO_SPLICE, false);
    }

    /** Writes the tick's batch (and a message still held back for reordering) and flushes. */
    void flushBatch()
    {
        if (heldStream != null)
        {
            releaseHeld(batch());
        }
        if (batch != null && batch.isReadable())
        {
            writeBatch();
        }
        // A batch may have been written mid-tick (when it grew large) with nothing batched since.
        if (unflushed)
        {
            unflushed = false;
            channel.flush();
        }
    }

    /** The connection closed: what is still batched is lost. */
    void close()
    {
        if (batch != null)
        {
            lostInFlight(batchCounts.clone());
            batch.release();
            batch = null;
        }
        held.release();
    }

    private void releaseHeldAfter(final Object streamKey, final ByteBuf target)
    {
        if (heldStream != null && heldStream == streamKey)
        {
            releaseHeld(target);
            record(FaultKind.REORDER, heldKind, heldSymbol, heldFirst, heldLast, 1);
        }
        if (target.readableBytes() >= BATCH_MAX_BYTES)
        {
            writeBatch();
        }
    }

    private void consumeSequence(final int spliceAt)
    {
        if (spliceAt != WireSink.NO_SPLICE)
        {
            venue.nextSequence();
        }
    }

    private ByteBuf batch()
    {
        if (batch == null)
        {
            batch = channel.alloc().directBuffer(BATCH_INITIAL_BYTES);
        }
        return batch;
    }

    private void writeBatch()
    {
        final int[] counts = batchCounts.clone();
        Arrays.fill(batchCounts, 0);
        final ByteBuf written = batch;
        batch = null;
        unflushed = true;
        final ChannelFuture future = channel.write(written);
        future.addListener(f ->
        {
            if (f.isSuccess())
            {
                for (int kind = 0; kind < KINDS; kind++)
                {
                    if (counts[kind] != 0)
                    {
                        counters.addDelivered(kind, counts[kind]);
                    }
                }
            }
            else
            {
                lostInFlight(counts);
            }
        });
    }

    private void lostInFlight(final int[] counts)
    {
        for (int kind = 0; kind < KINDS; kind++)
        {
            if (counts[kind] != 0)
            {
                record(FaultKind.LOST_IN_FLIGHT, StreamKind.values()[kind], null, 0, 0, counts[kind]);
            }
        }
    }

    private void releaseHeld(final ByteBuf target)
    {
        target.writeBytes(held, held.readerIndex(), held.readableBytes());
        sent(heldKind);
        heldStream = null;
    }

    private void sent(final StreamKind kind)
    {
        counters.incrementSent(kind);
        batchCounts[kind.ordinal()]++;
    }

    /** Appends one WebSocket text frame; a malformed one carries only the first half of the message. */
    private void writeFrame(
        final ByteBuf target, final byte[] streamName, final DirectBuffer payload, final int length,
        final int spliceAt, final boolean malformed)
    {
        final int envelope = streamName == null ? 0 : venue.envelopeLength(streamName);
        final long sequence = spliceAt == WireSink.NO_SPLICE ? 0 : venue.nextSequence();
        final int digits = spliceAt == WireSink.NO_SPLICE ? 0 : AsciiEncoding.digitCount(sequence);
        final int full = length + envelope + digits;
        final int frameLength = malformed ? full / 2 : full;
        target.writeByte(TEXT_FINAL);
        if (frameLength < 126)
        {
            target.writeByte(frameLength);
        }
        else if (frameLength <= 0xFFFF)
        {
            target.writeByte(126).writeShort(frameLength);
        }
        else
        {
            target.writeByte(127).writeLong(frameLength);
        }
        final int start = target.writerIndex();
        if (envelope != 0)
        {
            venue.writeEnvelopeStart(target, streamName);
        }
        // Payloads are array-backed buffers (the encoders' and the recordings'), so this is one or two array copies.
        final byte[] bytes = payload.byteArray();
        final int offset = (int)payload.wrapAdjustment();
        if (spliceAt == WireSink.NO_SPLICE)
        {
            target.writeBytes(bytes, offset, length);
        }
        else
        {
            target.writeBytes(bytes, offset, spliceAt);
            target.ensureWritable(digits);
            final int last = target.writerIndex() + digits - 1;
            long remaining = sequence;
            for (int i = 0; i < digits; i++)
            {
                target.setByte(last - i, (int)('0' + remaining % 10));
                remaining /= 10;
            }
            target.writerIndex(last + 1);
            target.writeBytes(bytes, offset + spliceAt, length - spliceAt);
        }
        if (envelope != 0)
        {
            venue.writeEnvelopeEnd(target);
        }
        target.writerIndex(start + frameLength);
    }

    private void record(
        final FaultKind kind, final StreamKind streamKind, final String venueSymbol, final long first, final long last,
        final long count)
    {
        if (faultLog.isFull())
        {
            faultLog.countOnly(kind, streamKind, count);
            return;
        }
        faultLog.record(new FaultRecord(kind, connectionId, streamKind, venueSymbol, first, last, count,
            context.epochClock().time()));
    }
}
