package zvt.crypto.feed.simulator;

import org.agrona.CloseHelper;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.feed.simulator.binance.BinanceProtocol;
import zvt.crypto.feed.simulator.bybit.BybitProtocol;
import zvt.crypto.feed.simulator.coinbase.CoinbaseProtocol;
import zvt.crypto.feed.simulator.okx.OkxProtocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Several venue simulators at once, one port each, over one configuration: what the demo runs. Each venue has its
 * own market (same seed, its own symbols' spelling), its own event loop and its own ground truth. With a fixed port
 * in the context, venue N of the list binds port + N; with port 0 each picks a free one. Connect to
 * {@link #webSocketUri} plus the venue's path: Binance {@code /stream?streams=..} or {@code /ws/..}, OKX
 * {@code /ws/v5/public} and {@code /ws/v5/business}, Bybit {@code /v5/public/spot} and {@code /v5/public/linear},
 * Coinbase {@code /}. Thread-safe as {@link VenueSimulator} is.
 */
public final class VenueSimulators implements AutoCloseable
{
    private final Map<Venue, VenueSimulator> simulators;

    private VenueSimulators(final Map<Venue, VenueSimulator> simulators)
    {
        this.simulators = Collections.unmodifiableMap(simulators);
    }

    /**
     * Binds every venue and starts generating; if one cannot bind, those already bound are closed.
     *
     * @param context the configuration every venue shares (host, port base, seed, rate, faults, ...).
     * @throws IllegalArgumentException if the context is invalid or a venue is not simulated.
     * @throws IllegalStateException    if an address cannot be bound.
     */
    public static VenueSimulators launch(final List<Venue> venues, final BinanceSimulatorContext context)
    {
        final Map<Venue, VenueSimulator> launched = new EnumMap<>(Venue.class);
        final int basePort = context.port();
        try
        {
            for (int i = 0; i < venues.size(); i++)
            {
                final Venue venue = venues.get(i);
                if (launched.containsKey(venue))
                {
                    throw new IllegalArgumentException("venue listed twice: " + venue);
                }
                context.port(basePort == 0 ? 0 : basePort + i);
                launched.put(venue, VenueSimulator.launch(context, protocol(venue)));
            }
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.closeAll(new ArrayList<>(launched.values()));
            throw ex;
        }
        finally
        {
            context.port(basePort);
        }
        return new VenueSimulators(launched);
    }

    /** The protocol the simulator speaks for a venue. */
    public static VenueProtocol protocol(final Venue venue)
    {
        return switch (venue)
        {
            case BINANCE -> new BinanceProtocol();
            case OKX -> new OkxProtocol();
            case BYBIT -> new BybitProtocol();
            case COINBASE -> new CoinbaseProtocol();
            default -> throw new IllegalArgumentException("no simulator for venue " + venue);
        };
    }

    /** The venues launched, in list order. */
    public Map<Venue, VenueSimulator> all()
    {
        return simulators;
    }

    /** @throws IllegalArgumentException if the venue was not launched. */
    public VenueSimulator simulator(final Venue venue)
    {
        final VenueSimulator simulator = simulators.get(venue);
        if (simulator == null)
        {
            throw new IllegalArgumentException("venue not launched: " + venue);
        }
        return simulator;
    }

    /** The venue's WebSocket base address, e.g. {@code ws://127.0.0.1:40123}; append the venue's path. */
    public String webSocketUri(final Venue venue)
    {
        return simulator(venue).webSocketUri();
    }

    /** The venue's REST base address, the same port as its streams. */
    public String restUri(final Venue venue)
    {
        return simulator(venue).restUri();
    }

    /** The venue's node configuration keys (without the venue prefix) that point its feed here. */
    public Map<String, String> feedSettings(final Venue venue)
    {
        return protocol(venue).feedSettings(webSocketUri(venue), restUri(venue));
    }

    /**
     * The venue's ground-truth book of a symbol as of an update id: Binance {@code u}, OKX {@code seqId}, Bybit
     * {@code seq} (symbol {@code SPOT:BTCUSDT} or {@code LINEAR:BTCUSDT}, see {@link BybitProtocol#marketSymbol}),
     * Coinbase the simulator's update id (its messages carry none; use {@link VenueSimulator#groundTruth}).
     */
    public GroundTruthBook groundTruthAt(final Venue venue, final String marketSymbol, final long updateId)
    {
        return simulator(venue).groundTruthAt(marketSymbol, updateId);
    }

    public void close()
    {
        CloseHelper.closeAll(new ArrayList<>(simulators.values()));
    }
}
