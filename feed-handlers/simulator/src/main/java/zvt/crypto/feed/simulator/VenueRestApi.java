package zvt.crypto.feed.simulator;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/** A venue's REST market data on the simulator's port. Used on the simulator's event loop only. */
public interface VenueRestApi
{
    /** An API that serves nothing: every plain HTTP request is taken for a WebSocket upgrade. */
    VenueRestApi NONE = new VenueRestApi()
    {
        public boolean handles(final String path)
        {
            return false;
        }

        public void handle(final ChannelHandlerContext ctx, final FullHttpRequest request)
        {
        }
    };

    /** True if a plain HTTP request for this path is a REST request rather than a WebSocket upgrade. */
    boolean handles(String path);

    void handle(ChannelHandlerContext ctx, FullHttpRequest request);
}
