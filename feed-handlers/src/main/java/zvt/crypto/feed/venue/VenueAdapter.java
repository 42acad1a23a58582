package zvt.crypto.feed.venue;

import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.instrument.NormalizedSymbol;
import zvt.crypto.feed.book.BookChecksum;
import zvt.crypto.feed.book.BookRule;
import zvt.crypto.feed.book.SnapshotReader;
import zvt.crypto.feed.connection.DecodeError;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.rest.RequestWeightLimiter;
import zvt.crypto.feed.rest.RestClient;
import zvt.crypto.feed.rest.RestRequest;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * A venue, as a plug-in of the generic feed runner ({@link zvt.crypto.feed.runner.VenueFeed}): everything that
 * differs between venues and nothing that does not. The runner owns connections, sharding, pacing, rotation,
 * reconnects, the silence watchdog, duplicate filtering and book resyncs; the adapter says how the venue names
 * streams and subscribes, keeps a connection alive, encodes its frames, sequences its books and describes its
 * instruments. Each venue's package holds its adapter and the classes behind it; {@link VenueRegistry} lists them.
 * <p>
 * Implementations are stateless (their decoders, rules and checksums hold the state) and thread-safe.
 */
public interface VenueAdapter
{
    Venue venue();

    /** The venue's name in configuration keys ({@code binance.ws.url}). */
    default String configName()
    {
        return venue().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Defaults of the venue's configuration keys, without the venue prefix: {@code ws.url}, {@code rest.url},
     * {@code symbols}, {@code channels}, and any of its own.
     */
    Map<String, String> defaults();

    /**
     * The venue's spelling of a normalized symbol ({@code BTC-USDT-PERP} → {@code BTCUSDT} on Binance USD-M).
     *
     * @throws IllegalArgumentException if the venue does not trade that market type.
     */
    String venueSymbol(NormalizedSymbol symbol);

    /**
     * The streams that carry the configured channels of an instrument.
     *
     * @throws IllegalArgumentException naming the channel, if the venue has no such channel for the instrument.
     */
    List<VenueStream> streams(Instrument instrument, List<String> channels);

    ConnectionLimits limits();

    /**
     * The address of a connection that carries {@code streams} (all of one group), from the configured addresses;
     * Binance names the first streams in it, the others only a path.
     */
    URI webSocketUri(VenueSettings settings, int group, List<VenueStream> streams);

    /** The subscribe messages a new session sends for its streams (those not already named in its address). */
    List<String> subscribeMessages(VenueSettings settings, int group, List<VenueStream> streams);

    /** The messages that end the subscription of {@code streams} on a session. */
    List<String> unsubscribeMessages(List<VenueStream> streams);

    Keepalive keepalive();

    /** Every reason the venue's decoder rejects a frame, indexed by ordinal. */
    DecodeError[] decodeErrors();

    /** A decoder for one feed, publishing through {@code publisher}. */
    FrameDecoder newDecoder(FeedPublisher publisher);

    /** The sequencing rule of one instrument's book. */
    BookRule newBookRule(Instrument instrument);

    /** A checksum per book, or null if the venue sends none. */
    default BookChecksum newChecksum()
    {
        return null;
    }

    /** The REST request for a book snapshot, or null if the venue's books come only in the stream. */
    default RestRequest bookSnapshotRequest(final VenueSettings settings, final Instrument instrument)
    {
        return null;
    }

    /** Reads the answer of {@link #bookSnapshotRequest}; null if there is none. */
    default SnapshotReader bookSnapshotReader()
    {
        return null;
    }

    /** The venue's public REST budget, shared by every request of the feed. */
    RequestWeightLimiter newRestLimiter();

    /**
     * Refines the instruments with the venue's reference data (tick and lot sizes) over REST, in the background;
     * failures are logged and leave the sizes unknown.
     *
     * @return completes (never exceptionally) once every answer is applied or known to be unavailable.
     */
    default CompletableFuture<Void> refineInstruments(
        final RestClient client, final VenueSettings settings, final InstrumentRegistry registry,
        final List<Instrument> instruments)
    {
        return CompletableFuture.completedFuture(null);
    }
}
