package zvt.crypto.bench.gateway;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The gateway over HTTP/1.1 on loopback: a fixed set of keep-alive connections on one client event loop, one request
 * in flight per connection (no pipelining: the gateway answers database routes from its query threads, so answers
 * to pipelined requests could cross). A query finding every connection busy waits in a queue, its latency clock
 * already running. Each answer must be 200 with {@code limit} candles, counted as the bytes arrive (no parsing).
 * <p>
 * The queue and the idle connections are touched only on the client event loop.
 */
final class HttpOhlcvTarget implements OhlcvTarget
{
    private static final byte[] CANDLE_FIELD = "\"openTime\"".getBytes(StandardCharsets.US_ASCII);
    private static final int SCRATCH_BYTES = 8192;

    private final String name;
    private final InetSocketAddress address;
    private final String hostHeader;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private volatile boolean closing;

    private record Pending(OhlcvQuery query, long intendedNs, LoadResults results)
    {
    }

    /** @param name how the results name this path. */
    HttpOhlcvTarget(final String name, final InetSocketAddress address, final int connections)
    {
        this.name = name;
        this.address = address;
        this.hostHeader = address.getHostString() + ':' + address.getPort();
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("http-client", true),
            NioIoHandler.newFactory());
        loop = group.next();
        bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel channel)
                {
                    channel.pipeline().addLast(new HttpClientCodec(), new Connection());
                }
            });
        for (int i = 0; i < connections; i++)
        {
            bootstrap.connect(address).syncUninterruptibly();
        }
    }

    public void issue(final OhlcvQuery query, final long intendedNs, final LoadResults results)
    {
        loop.execute(() -> dispatch(new Pending(query, intendedNs, results)));
    }

    public String name()
    {
        return name;
    }

    public void close()
    {
        closing = true;
        // shutting the loop down closes its connections
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void dispatch(final Pending request)
    {
        final Connection connection = idle.poll();
        if (connection == null)
        {
            waiting.add(request);
        }
        else
        {
            connection.send(request);
        }
    }

    private void released(final Connection connection)
    {
        final Pending next = waiting.poll();
        if (next == null)
        {
            idle.add(connection);
        }
        else
        {
            connection.send(next);
        }
    }

    /** One keep-alive connection and the request it has in flight; counts candle objects as body bytes arrive. */
    private final class Connection extends SimpleChannelInboundHandler<HttpObject>
    {
        /** Body chunks are copied here in bulk and scanned as an array, cheaper than a ByteProcessor per byte. */
        private final byte[] scratch = new byte[SCRATCH_BYTES];
        private Channel channel;
        private Pending inFlight;
        private int status;
        private int candles;
        private int matched;

        public void channelActive(final ChannelHandlerContext ctx)
        {
            channel = ctx.channel();
            released(this);
        }

        void send(final Pending request)
        {
            inFlight = request;
            status = 0;
            candles = 0;
            matched = 0;
            final FullHttpRequest http = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.GET, request.query().path(), Unpooled.EMPTY_BUFFER);
            http.headers().set(HttpHeaderNames.HOST, hostHeader).set(HttpHeaderNames.ACCEPT,
                HttpHeaderValues.APPLICATION_JSON);
            channel.writeAndFlush(http);
        }

        protected void channelRead0(final ChannelHandlerContext ctx, final HttpObject message)
        {
            if (message instanceof HttpResponse response)
            {
                status = response.status().code();
            }
            if (message instanceof HttpContent content)
            {
                count(content.content());
            }
            if (message instanceof LastHttpContent)
            {
                final Pending done = inFlight;
                inFlight = null;
                if (status == 200 && candles == done.query().limit())
                {
                    done.results().success(done.intendedNs());
                }
                else
                {
                    done.results().error(done.intendedNs(), "HTTP " + status + " with " + candles + " candles");
                }
                released(this);
            }
        }

        private void count(final ByteBuf body)
        {
            for (int offset = body.readerIndex(); offset < body.writerIndex(); offset += SCRATCH_BYTES)
            {
                final int length = Math.min(SCRATCH_BYTES, body.writerIndex() - offset);
                body.getBytes(offset, scratch, 0, length);
                for (int i = 0; i < length; i++)
                {
                    final byte value = scratch[i];
                    if (value == CANDLE_FIELD[matched])
                    {
                        if (++matched == CANDLE_FIELD.length)
                        {
                            candles++;
                            matched = 0;
                        }
                    }
                    else
                    {
                        // the field's only other quote is its first byte: a mismatch can restart only at a quote
                        matched = value == CANDLE_FIELD[0] ? 1 : 0;
                    }
                }
            }
        }

        /** The gateway closes a connection after a 504: its query fails, a new connection takes its place. */
        public void channelInactive(final ChannelHandlerContext ctx)
        {
            idle.remove(this);
            if (inFlight != null)
            {
                inFlight.results().error(inFlight.intendedNs(), "connection closed with HTTP " + status);
                inFlight = null;
            }
            if (!closing)
            {
                bootstrap.connect(address);
            }
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            ctx.close();
        }
    }
}
