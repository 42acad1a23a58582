package zvt.crypto.feed.simulator;

import io.netty.channel.Channel;

import java.net.InetSocketAddress;

/** What the simulators' servers share: binding with one clear error, and the address clients are given. */
public final class SimulatorBinding
{
    /** Builds and binds a server; may be interrupted while binding. */
    @FunctionalInterface
    public interface Binder<T>
    {
        T bind() throws InterruptedException;
    }

    private SimulatorBinding()
    {
    }

    /**
     * @param what a name for errors, e.g. "the REST simulator".
     * @throws IllegalStateException if the address cannot be bound (or binding is interrupted).
     */
    public static <T> T bind(final String what, final String host, final int port, final Binder<T> binder)
    {
        try
        {
            return binder.bind();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + what, ex);
        }
        catch (final Exception ex)
        {
            // Netty's sync() rethrows a BindException undeclared, so checked exceptions arrive here too.
            throw new IllegalStateException("cannot bind " + what + " to " + host + ":" + port + ": " + ex, ex);
        }
    }

    /** The port a bound server channel listens on (the ephemeral one when configured with 0). */
    public static int port(final Channel serverChannel)
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /** {@code scheme://host:port}, the host bracketed when it is an IPv6 literal. */
    public static String baseUri(final String scheme, final String host, final int port)
    {
        return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
