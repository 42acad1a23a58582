package zvt.crypto.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy the test controls: forwards to a target port until {@link #cut()}, which closes every open
 * connection and refuses new ones (the client sees the server go away and connection attempts fail), until
 * {@link #restore()}. Stands in for a database that is stopped or unreachable.
 */
public final class TcpProxy implements AutoCloseable
{
    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean cut;

    public TcpProxy(final int targetPort) throws IOException
    {
        this.targetPort = targetPort;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(this::accept, "tcp-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port()
    {
        return server.getLocalPort();
    }

    public void cut()
    {
        cut = true;
        for (final Socket socket : open)
        {
            closeQuietly(socket);
        }
    }

    public void restore()
    {
        cut = false;
    }

    public void close() throws IOException
    {
        cut();
        server.close();
    }

    private void accept()
    {
        while (!server.isClosed())
        {
            try
            {
                final Socket client = server.accept();
                if (cut)
                {
                    closeQuietly(client);
                    continue;
                }
                final Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            }
            catch (final IOException ex)
            {
                // server closed, or the target refused: the client sees its connection closed
            }
        }
    }

    private void pump(final Socket from, final Socket to)
    {
        final Thread thread = new Thread(() ->
        {
            final byte[] bytes = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream())
            {
                int read;
                while ((read = in.read(bytes)) >= 0)
                {
                    out.write(bytes, 0, read);
                }
            }
            catch (final IOException ex)
            {
                // one side went away: close both
            }
            finally
            {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(final Socket socket)
    {
        try
        {
            socket.close();
        }
        catch (final IOException ignore)
        {
            // already closed
        }
    }
}
