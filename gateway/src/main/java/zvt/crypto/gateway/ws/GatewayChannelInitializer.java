package zvt.crypto.gateway.ws;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.gateway.GatewayContext;
import zvt.crypto.gateway.auth.AuthHandler;
import zvt.crypto.gateway.fanout.SubscriptionCommandQueue;
import zvt.crypto.gateway.replay.JournalReplays;
import zvt.crypto.gateway.rest.RestApi;
import zvt.crypto.gateway.web.WebPageHandler;

/**
 * The pipeline of every accepted connection, codecs before logic:
 * <pre>
 *   HttpServerCodec ─► HttpObjectAggregator ─► AuthHandler (origin, credential, key limits: 401/403/429)
 *     ─► WebSocketServerProtocolHandler (upgrade at the path; ping, close) ─► WebSocketFrameAggregator
 *     ─► WebPageHandler (the web page: /, /web/...) ─► RestApi (plain HTTP: /api/v1/crypto/..., /health)
 *     ─► ClientSessionHandler
 * </pre>
 * The auth handler sees every HTTP request, the upgrade included, before the upgrade completes; after the upgrade
 * only WebSocket frames flow, which it passes on untouched.
 * After the upgrade Netty swaps the HTTP codec for the WebSocket frame codec. No compression extension is offered:
 * the fan-out writes pre-framed, uncompressed bytes that must reach the socket untouched.
 */
final class GatewayChannelInitializer extends ChannelInitializer<SocketChannel>
{
    /** Only small GET requests are served over plain HTTP. */
    private static final int MAX_HTTP_REQUEST_BYTES = 8192;

    private final GatewayContext context;
    private final InstrumentRegistry instruments;
    private final SubscriptionCommandQueue commands;
    private final ChannelGroup sessions;
    private final WebSocketServerProtocolConfig protocolConfig;
    private final RestApi restApi;
    private final JournalReplays replays;
    private final AuthHandler authHandler;
    private final WebPageHandler webPage = new WebPageHandler();

    GatewayChannelInitializer(
        final GatewayContext context,
        final InstrumentRegistry instruments,
        final SubscriptionCommandQueue commands,
        final ChannelGroup sessions,
        final RestApi restApi,
        final JournalReplays replays,
        final AuthHandler authHandler)
    {
        this.context = context;
        this.instruments = instruments;
        this.commands = commands;
        this.sessions = sessions;
        this.restApi = restApi;
        this.replays = replays;
        this.authHandler = authHandler;
        this.protocolConfig = WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(context.webSocketPath())
            .checkStartsWith(true)
            .handleCloseFrames(true)
            .dropPongFrames(true)
            .forceCloseTimeoutMillis(context.closeTimeoutMs())
            .decoderConfig(WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(context.maxInboundFrameBytes())
                .expectMaskedFrames(true)
                .allowExtensions(false)
                .closeOnProtocolViolation(true)
                .build())
            .build();
    }

    protected void initChannel(final SocketChannel channel)
    {
        channel.pipeline()
            .addLast("http-codec", new HttpServerCodec())
            .addLast("http-aggregator", new HttpObjectAggregator(MAX_HTTP_REQUEST_BYTES))
            .addLast("auth", authHandler)
            .addLast("ws-protocol", new WebSocketServerProtocolHandler(protocolConfig))
            .addLast("ws-aggregator", new WebSocketFrameAggregator(context.maxInboundFrameBytes()))
            .addLast("web-page", webPage)
            .addLast("http-routes", restApi)
            .addLast("session", new ClientSessionHandler(context, instruments, commands, sessions, replays));
    }
}
