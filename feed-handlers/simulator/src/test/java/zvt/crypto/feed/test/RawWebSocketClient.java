package zvt.crypto.feed.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A WebSocket client on a plain blocking socket that upgrades and then only reads, never answering pings. It sees a
 * dropped connection for certain (a blocking read returns end of stream or fails), where the JDK client may not notice
 * a connection closed without a close frame.
 */
public final class RawWebSocketClient implements AutoCloseable
{
    private final Socket socket;

    private RawWebSocketClient(final Socket socket)
    {
        this.socket = socket;
    }

    /** Connects to {@code path} (e.g. "/ws/btcusdt@trade") and sends the upgrade request. */
    public static RawWebSocketClient connect(final String host, final int port, final String path) throws IOException
    {
        final Socket socket = new Socket(host, port);
        final OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n" +
            "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
            "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new RawWebSocketClient(socket);
    }

    /**
     * Reads and discards everything the server sends until it ends the connection.
     *
     * @return true if the server ended it within the timeout, false if it was still open then.
     */
    public boolean awaitEnd(final Duration timeout) throws IOException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final InputStream in = socket.getInputStream();
        final byte[] buffer = new byte[8192];
        while (true)
        {
            final long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0)
            {
                return false;
            }
            socket.setSoTimeout((int)leftMs);
            try
            {
                if (in.read(buffer) < 0)
                {
                    return true;
                }
            }
            catch (final SocketTimeoutException ex)
            {
                return false;
            }
            catch (final IOException ex)
            {
                return true; // reset by the server: ended just the same
            }
        }
    }

    public void close() throws IOException
    {
        socket.close();
    }
}
