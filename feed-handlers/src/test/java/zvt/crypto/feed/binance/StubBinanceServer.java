package zvt.crypto.feed.binance;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bare Netty WebSocket server on loopback standing in for Binance's stream endpoint in connection-lifecycle tests:
 * it accepts any path, remembers every session (with its request URI) and every text message clients send, and
 * lets the test push frames to a session or close it. Not the venue simulator: it has no market.
 */
final class StubBinanceServer implements AutoCloseable
{
    /** One accepted WebSocket session. */
    record Session(Channel channel, String uri, List<String> received)
    {
        void send(final String text)
        {
            channel.writeAndFlush(new TextWebSocketFrame(text)).syncUninterruptibly();
        }

        /** A stalled venue: from now on the socket stays open but every inbound byte is ignored (pings too). */
        void stall()
        {
            channel.attr(STALLED).set(Boolean.TRUE);
        }
    }

    private static final AttributeKey<Boolean> STALLED = AttributeKey.valueOf("stub.stalled");

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final Channel server;

    StubBinanceServer()
    {
        server = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline().addLast(new StallGate(), new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                        new WebSocketServerProtocolHandler("/", null, false, 1 << 20, false, true),
                        new SessionHandler());
                }
            })
            .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    String webSocketUri()
    {
        return "ws://127.0.0.1:" + ((InetSocketAddress)server.localAddress()).getPort();
    }

    List<Session> sessions()
    {
        return sessions;
    }

    List<Session> openSessions()
    {
        return sessions.stream().filter(session -> session.channel().isActive()).toList();
    }

    public void close()
    {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Drops what a stalled session receives, before the WebSocket handler could answer it. */
    private static final class StallGate extends ChannelInboundHandlerAdapter
    {
        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            if (Boolean.TRUE.equals(ctx.channel().attr(STALLED).get()))
            {
                ReferenceCountUtil.release(msg);
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }

    private final class SessionHandler extends SimpleChannelInboundHandler<TextWebSocketFrame>
    {
        private Session session;

        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event)
        {
            if (event instanceof final WebSocketServerProtocolHandler.HandshakeComplete handshake)
            {
                session = new Session(ctx.channel(), handshake.requestUri(), new CopyOnWriteArrayList<>());
                sessions.add(session);
            }
            ctx.fireUserEventTriggered(event);
        }

        protected void channelRead0(final ChannelHandlerContext ctx, final TextWebSocketFrame frame)
        {
            session.received().add(frame.text());
        }
    }
}
