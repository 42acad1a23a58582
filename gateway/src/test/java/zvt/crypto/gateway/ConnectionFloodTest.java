package zvt.crypto.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.test.Tests;
import zvt.crypto.gateway.auth.ApiKeys;
import zvt.crypto.gateway.auth.AuthContext;
import zvt.crypto.gateway.auth.AuthRefusal;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 2,000 WebSocket handshakes at once from one API key, on real Netty sockets, against a gateway with auth on, a
 * per-key session cap and two I/O threads (so admissions race): exactly the cap are admitted, every other one is
 * answered 429 with the reason, and meanwhile another key's client keeps receiving live trades, in order.
 */
class ConnectionFloodTest
{
    private static final int ATTEMPTS = 2_000;
    private static final int CAP = 100;
    private static final String ALICE_KEY = "alice-0f8Q2mZr7LwT4kX9vB1nC6yH3pJ5sD8e";
    private static final String BOB_KEY = "bob-7Yt2Lq9Wm4Xc1Vb8Nz3Kr6Hp0Gd5Sf2Ja";

    private final GatewayHarness harness = new GatewayHarness(new GatewayContext().ioThreads(2).auth(
        new AuthContext().enabled(true).maxConnectionsPerKey(CAP).apiKeys(ApiKeys.parse(List.of(
            "alice:" + ApiKeys.sha256Hex(ALICE_KEY), "bob:" + ApiKeys.sha256Hex(BOB_KEY)), "test"))));
    private final EventLoopGroup clientLoops = new MultiThreadIoEventLoopGroup(
        2, new DefaultThreadFactory("flood-client", true), NioIoHandler.newFactory());
    private final HttpClient bobHttp = HttpClient.newHttpClient();
    private final List<CountingClient> bobs = new ArrayList<>();
    private final AtomicBoolean publishing = new AtomicBoolean(true);
    private final AtomicLong published = new AtomicLong();
    private Thread publisher;

    /** How a handshake ended: 101 and its open channel, or the refusal's status and body. */
    private record Outcome(int status, String body, Channel channel)
    {
    }

    @AfterEach
    void close() throws InterruptedException
    {
        publishing.set(false);
        if (publisher != null)
        {
            publisher.join();
        }
        bobs.forEach(CountingClient::close);
        clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        harness.close();
        bobHttp.close();
    }

    @Test
    void shouldAdmitExactlyTheCapOfTwoThousandHandshakesFromOneKeyWhileAnotherKeyIsServed()
    {
        final URI bobUri = URI.create(harness.server.webSocketUri() + "?access_token=" + BOB_KEY);
        final CountingClient bob = bobSubscribes(bobUri);
        publisher = new Thread(() ->
        {
            while (publishing.get())
            {
                harness.publishTrade(harness.btcBinance, "65000.1", "0.01", Side.BUY, "T-" +
                    published.getAndIncrement());
                LockSupport.parkNanos(1_000_000);
            }
        }, "publisher");
        publisher.start();
        Tests.await(() -> bob.trades() > 0, Duration.ofSeconds(10), () -> "bob receives trades before the flood");

        final long bobBefore = bob.trades();
        final List<CompletableFuture<Outcome>> attempts = new ArrayList<>(ATTEMPTS);
        for (int i = 0; i < ATTEMPTS; i++)
        {
            attempts.add(handshake(ALICE_KEY));
        }
        final List<Outcome> outcomes = attempts.stream()
            .map(attempt -> attempt.orTimeout(30, TimeUnit.SECONDS).join()).toList();
        assertTrue(bob.trades() > bobBefore, "bob received trades during the flood");

        final List<Outcome> admitted = outcomes.stream().filter(o -> o.status() == 101).toList();
        assertEquals(CAP, admitted.size(), "admitted handshakes");
        for (final Outcome outcome : outcomes)
        {
            if (outcome.status() != 101)
            {
                assertEquals(HttpResponseStatus.TOO_MANY_REQUESTS.code(), outcome.status(), outcome.body());
                final JsonNode body = TestClient.parse(outcome.body());
                assertEquals(AuthRefusal.TOO_MANY_CONNECTIONS.reason(), body.path("error").asText());
                assertEquals(429, body.path("status").asInt());
            }
        }
        assertEquals(ATTEMPTS - CAP, harness.counters().authRefusals(AuthRefusal.TOO_MANY_CONNECTIONS));
        for (final Outcome outcome : outcomes)
        {
            if (outcome.status() != 101)
            {
                // the server closes a refused socket as soon as its answer is written
                assertTrue(outcome.channel().closeFuture().awaitUninterruptibly(10, TimeUnit.SECONDS));
            }
        }
        assertTrue(admitted.stream().allMatch(outcome -> outcome.channel().isActive()), "admitted sessions stay open");
        assertEquals(CAP + 1, harness.counters().sessionsOpen(), "the cap's sessions and bob's, nothing refused");

        assertEquals(429, handshake(ALICE_KEY).orTimeout(10, TimeUnit.SECONDS).join().status(),
            "refused sockets, all closed now, freed no slot");
        admitted.get(0).channel().close().syncUninterruptibly();
        Tests.await(() -> handshake(ALICE_KEY).orTimeout(10, TimeUnit.SECONDS).join().status() == 101,
            Duration.ofSeconds(10), () -> "a closed admitted session must free its slot");

        final long bobAfter = bob.trades();
        Tests.await(() -> bob.trades() > bobAfter, Duration.ofSeconds(10), () -> "bob still receives trades");
        final CountingClient lateBob = bobSubscribes(bobUri);
        Tests.await(() -> lateBob.trades() > 0, Duration.ofSeconds(10), () -> "a new client of bob's receives trades");
        assertNull(bob.disorder());
        assertNull(lateBob.disorder());
        assertEquals(0, harness.counters().slowConsumerDisconnects());
    }

    private CountingClient bobSubscribes(final URI uri)
    {
        final CountingClient client = CountingClient.subscribe(bobHttp, uri, "BINANCE", "BTC-USDT");
        bobs.add(client);
        return client;
    }

    /** Opens a socket and asks for the WebSocket upgrade with this key in {@code X-API-Key}. */
    private CompletableFuture<Outcome> handshake(final String key)
    {
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        final WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
            harness.server.webSocketUri(), WebSocketVersion.V13, null, false,
            new DefaultHttpHeaders().set("X-API-Key", key));
        new Bootstrap().group(clientLoops).channel(NioSocketChannel.class)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel channel)
                {
                    channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                        new HandshakeHandler(handshaker, outcome));
                }
            })
            .connect(harness.server.webSocketUri().getHost(), harness.server.port())
            .addListener(connect ->
            {
                if (!connect.isSuccess())
                {
                    outcome.completeExceptionally(connect.cause());
                }
            });
        return outcome;
    }

    /** Sends the upgrade request, then reports the answer; frames after a 101 are ignored. */
    private static final class HandshakeHandler extends SimpleChannelInboundHandler<Object>
    {
        private final WebSocketClientHandshaker handshaker;
        private final CompletableFuture<Outcome> outcome;

        HandshakeHandler(final WebSocketClientHandshaker handshaker, final CompletableFuture<Outcome> outcome)
        {
            this.handshaker = handshaker;
            this.outcome = outcome;
        }

        public void channelActive(final ChannelHandlerContext ctx)
        {
            handshaker.handshake(ctx.channel());
        }

        protected void channelRead0(final ChannelHandlerContext ctx, final Object message)
        {
            if (outcome.isDone() || !(message instanceof FullHttpResponse response))
            {
                return;
            }
            if (response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS))
            {
                handshaker.finishHandshake(ctx.channel(), response);
                outcome.complete(new Outcome(101, "", ctx.channel()));
            }
            else
            {
                outcome.complete(new Outcome(
                    response.status().code(), response.content().toString(StandardCharsets.UTF_8), ctx.channel()));
            }
        }

        public void channelInactive(final ChannelHandlerContext ctx)
        {
            outcome.completeExceptionally(new IllegalStateException("closed before the handshake was answered"));
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            outcome.completeExceptionally(cause);
            ctx.close();
        }
    }
}
