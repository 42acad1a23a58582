package zvt.crypto.feed.venue;

/**
 * How a venue's connections stay alive and how a silent one is found out.
 *
 * @param intervalMs     how often the client sends {@code message} (0: never; the venue pings, as Binance does).
 * @param message        the keepalive text frame (OKX {@code ping}, Bybit {@code {"op":"ping"}}), or null.
 * @param silenceMs      a connection with no inbound frame (data, pong or ping) for this long is probed.
 * @param probe          the probe text frame, or null to probe with a WebSocket ping frame.
 * @param probeTimeoutMs a probed connection still silent this much later is dead: its books go stale and it is
 *                       replaced.
 */
public record Keepalive(long intervalMs, String message, long silenceMs, String probe, long probeTimeoutMs)
{
    public Keepalive
    {
        if (silenceMs <= 0 || probeTimeoutMs <= 0 || intervalMs < 0 || (intervalMs > 0) != (message != null))
        {
            throw new IllegalArgumentException("invalid keepalive " + intervalMs + "/" + message + "/" + silenceMs +
                "/" + probe + "/" + probeTimeoutMs);
        }
    }
}
