package zvt.crypto.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import info.bitrich.xchangestream.binance.BinanceStreamingExchange;
import info.bitrich.xchangestream.core.ProductSubscription;
import info.bitrich.xchangestream.core.StreamingExchange;
import info.bitrich.xchangestream.core.StreamingExchangeFactory;
import io.reactivex.rxjava3.disposables.Disposable;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.currency.CurrencyPair;

/**
 * The peer: XChange's streaming Binance client connected to the simulator the way its users connect it, one
 * subscriber per symbol and stream counting what arrives: trades ({@code getTrades}) and order books
 * ({@code getOrderBook}: XChange fetches the REST snapshot, applies each depth diff and emits the book). Trades also
 * record the venue's trade time to their arrival (ms resolution, same machine clock).
 */
final class XChangePeer implements AutoCloseable
{
    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final StreamingExchange exchange;
    private final List<Disposable> subscriptions = new ArrayList<>();
    private final AtomicLong trades = new AtomicLong();
    private final AtomicLong books = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Recorder exchangeToSubscriber = new Recorder(HIGHEST_NANOS, 3);

    private XChangePeer(final StreamingExchange exchange)
    {
        this.exchange = exchange;
    }

    /**
     * @param streamUri the simulator's WebSocket base with a trailing slash, e.g. {@code ws://127.0.0.1:40123/}.
     * @param restUri   the simulator's REST base, for the book snapshots.
     */
    static XChangePeer connect(final String streamUri, final String restUri, final List<CurrencyPair> pairs)
    {
        final ExchangeSpecification specification = new ExchangeSpecification(SimulatorBinanceStreamingExchange.class);
        specification.setSslUri(restUri);
        // XChange maps stream symbols through the exchange info, which the simulator serves like Binance
        specification.setShouldLoadRemoteMetaData(true);
        specification.setExchangeSpecificParametersItem(SimulatorBinanceStreamingExchange.STREAM_URI, streamUri);
        // the same stream the node reads: diffs every 100 ms
        specification.setExchangeSpecificParametersItem(BinanceStreamingExchange.USE_HIGHER_UPDATE_FREQUENCY, true);
        final StreamingExchange exchange = StreamingExchangeFactory.INSTANCE.createExchange(specification);
        final ProductSubscription.ProductSubscriptionBuilder products = ProductSubscription.create();
        pairs.forEach(pair -> products.addTrades(pair).addOrderbook(pair));
        exchange.connect(products.build()).blockingAwait(30, TimeUnit.SECONDS);
        final XChangePeer peer = new XChangePeer(exchange);
        for (final CurrencyPair pair : pairs)
        {
            peer.subscriptions.add(exchange.getStreamingMarketDataService().getTrades(pair).subscribe(trade ->
            {
                peer.trades.incrementAndGet();
                final long nanos = System.currentTimeMillis() * 1_000_000L - trade.getTimestamp().getTime() * 1_000_000L;
                peer.exchangeToSubscriber.recordValue(Math.max(0, Math.min(HIGHEST_NANOS, nanos)));
            }, error -> peer.errors.incrementAndGet()));
            peer.subscriptions.add(exchange.getStreamingMarketDataService().getOrderBook(pair).subscribe(
                book -> peer.books.incrementAndGet(), error -> peer.errors.incrementAndGet()));
        }
        return peer;
    }

    long trades()
    {
        return trades.get();
    }

    long books()
    {
        return books.get();
    }

    long errors()
    {
        return errors.get();
    }

    /** The latencies since the last call. */
    Histogram exchangeToSubscriber()
    {
        return exchangeToSubscriber.getIntervalHistogram();
    }

    public void close()
    {
        subscriptions.forEach(Disposable::dispose);
        exchange.disconnect().blockingAwait(10, TimeUnit.SECONDS);
    }
}
