package zvt.crypto.feed.okx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.feed.connection.FeedCounters;
import zvt.crypto.feed.test.DecoderHarness;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OKX decoder against the recordings and the Jackson reference: every recorded line (data pushes of every
 * channel, control replies, outbound requests and REST bodies in the same folder) is handled as the reference says
 * (published with the same canonical text, ignored, or rejected).
 */
class OkxDecoderTest
{
    private static final int FIRST_ID = 1;

    @Test
    void shouldDecodeEveryRecordedLineExactlyAsTheReference()
    {
        final List<OkxRecordings.Line> lines = OkxRecordings.allLines();
        final List<String> expected = new ArrayList<>();
        int published = 0;
        int ignored = 0;
        int rejected = 0;
        final DecoderHarness harness = new DecoderHarness(new PassThroughOkxAdapter());
        try (harness)
        {
            int id = FIRST_ID;
            for (final OkxRecordings.Line line : lines)
            {
                // A fresh instrument per line: each frame is checked alone, never dropped as a duplicate of another.
                final String instId = ReferenceOkxDecoder.instId(line.text());
                if (instId != null)
                {
                    harness.instrument(instId, ++id, marketType(instId));
                }
                final ReferenceOkxDecoder.Expected reference = ReferenceOkxDecoder.expected(line.text(), id);
                final FeedCounters counters = harness.counters();
                final long events = counters.events();
                final long ignoredBefore = counters.ignored();
                final long errors = counters.decodeErrors();
                harness.deliver(line.text());
                final ReferenceOkxDecoder.Outcome outcome = counters.events() > events ? ReferenceOkxDecoder.Outcome.EVENT :
                    counters.ignored() > ignoredBefore ? ReferenceOkxDecoder.Outcome.IGNORED :
                    counters.decodeErrors() > errors ? ReferenceOkxDecoder.Outcome.REJECTED : null;
                assertEquals(reference.outcome(), outcome, line.toString());
                expected.addAll(reference.lines());
                published += outcome == ReferenceOkxDecoder.Outcome.EVENT ? 1 : 0;
                ignored += outcome == ReferenceOkxDecoder.Outcome.IGNORED ? 1 : 0;
                rejected += outcome == ReferenceOkxDecoder.Outcome.REJECTED ? 1 : 0;
            }
        }
        final List<String> actual = harness.collector().lines().stream().filter(l -> !l.startsWith("status")).toList();
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++)
        {
            assertEquals(expected.get(i), actual.get(i), "event " + i);
        }
        System.out.printf("OKX conformance: %d recorded lines in %d files: %d published (%d events), %d ignored, " +
            "%d rejected%n", lines.size(), OkxRecordings.files("**.jsonl").size(), published, actual.size(), ignored,
            rejected);
        assertTrue(published > 4_000, "recorded data lines decoded: " + published);
    }

    @Test
    void shouldCountTheTextPongAsIgnoredNotAsADecodeError()
    {
        try (DecoderHarness harness = new DecoderHarness(new OkxAdapter()))
        {
            harness.deliver("pong");
            assertEquals(1, harness.counters().ignored());
            assertEquals(0, harness.counters().decodeErrors());
        }
    }

    @Test
    void shouldIgnoreAcknowledgementsAndCountVenueErrorsAsIgnored()
    {
        try (DecoderHarness harness = new DecoderHarness(new OkxAdapter()))
        {
            harness.deliver("{\"event\":\"subscribe\",\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}," +
                "\"connId\":\"a4d3ae55\"}");
            harness.deliver("{\"event\":\"error\",\"code\":\"60012\",\"msg\":\"Invalid request\",\"connId\":\"a\"}");
            harness.deliver("{\"event\":\"channel-conn-count\",\"channel\":\"books\",\"connCount\":\"2\"}");
            assertEquals(3, harness.counters().ignored());
            assertEquals(0, harness.counters().decodeErrors());
        }
    }

    @Test
    void shouldPublishTheTradesOfAFrameOldestFirst()
    {
        final DecoderHarness harness = new DecoderHarness(new OkxAdapter());
        try (harness)
        {
            harness.instrument("BTC-USDT", 1, MarketType.SPOT);
            harness.deliver("{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[" +
                "{\"instId\":\"BTC-USDT\",\"tradeId\":\"12\",\"px\":\"2.0\",\"sz\":\"1\",\"side\":\"sell\",\"ts\":\"2\"}," +
                "{\"instId\":\"BTC-USDT\",\"tradeId\":\"11\",\"px\":\"1.0\",\"sz\":\"1\",\"side\":\"buy\",\"ts\":\"1\"," +
                "\"count\":\"3\"}]}");
        }
        assertEquals(List.of("trade 1 BUY p=1.0 q=1 id=11 T=1000000", "trade 1 SELL p=2.0 q=1 id=12 T=2000000"),
            harness.collector().lines());
    }

    @Test
    void shouldPublishQuotesAfterTheVenueResetsItsSequenceAndDropRepeats()
    {
        final DecoderHarness harness = new DecoderHarness(new OkxAdapter());
        try (harness)
        {
            harness.instrument("BTC-USDT", 1, MarketType.SPOT);
            harness.deliver(bbo("10.0", 900, 899));
            harness.deliver(bbo("10.1", 900, 899)); // repeated seqId: dropped
            harness.deliver(bbo("10.2", 5, 900)); // after maintenance: seqId < prevSeqId
            harness.deliver(bbo("10.3", 6, 5));
        }
        assertEquals(List.of(
            "top 1 u=900 b=10.0 B=1 a=11 A=2 T=1000000",
            "top 1 u=5 b=10.2 B=1 a=11 A=2 T=1000000",
            "top 1 u=6 b=10.3 B=1 a=11 A=2 T=1000000"), harness.collector().lines());
    }

    private static String bbo(final String bid, final long seqId, final long prevSeqId)
    {
        return "{\"arg\":{\"channel\":\"bbo-tbt\",\"instId\":\"BTC-USDT\"},\"data\":[{\"asks\":[[\"11\",\"2\",\"0\"," +
            "\"1\"]],\"bids\":[[\"" + bid + "\",\"1\",\"0\",\"1\"]],\"ts\":\"1\",\"seqId\":" + seqId + ",\"prevSeqId\":" +
            prevSeqId + "}]}";
    }

    @Test
    void shouldReadDataWrittenBeforeItsArg()
    {
        final DecoderHarness harness = new DecoderHarness(new OkxAdapter());
        try (harness)
        {
            harness.instrument("BTC-USDT", 1, MarketType.SPOT);
            harness.deliver("{\"data\":[{\"instId\":\"BTC-USDT\",\"tradeId\":\"7\",\"px\":\"3\",\"sz\":\"0.5\"," +
                "\"side\":\"buy\",\"ts\":\"5\"}],\"arg\":{\"instId\":\"BTC-USDT\",\"channel\":\"trades\"}}");
        }
        assertEquals(List.of("trade 1 BUY p=3 q=0.5 id=7 T=5000000"), harness.collector().lines());
    }

    @Test
    void shouldIgnoreFramesOfInstrumentsAndChannelsNotFollowed()
    {
        try (DecoderHarness harness = new DecoderHarness(new OkxAdapter()))
        {
            harness.instrument("BTC-USDT", 1, MarketType.SPOT);
            harness.deliver(trade("ETH-USDT", "\"px\":\"1\""));
            harness.deliver("{\"arg\":{\"channel\":\"opt-summary\",\"instId\":\"BTC-USDT\"},\"data\":[{}]}");
            assertEquals(2, harness.counters().ignored());
            assertEquals(0, harness.counters().events());
        }
    }

    @ParameterizedTest
    @MethodSource("malformedFrames")
    void shouldRejectMalformedFramesWithTheirReasonAndPublishNothing(final String frame, final OkxDecodeError reason)
    {
        final DecoderHarness harness = new DecoderHarness(new OkxAdapter());
        try (harness)
        {
            harness.instrument("BTC-USDT", 1, MarketType.SPOT);
            harness.deliver(frame);
            assertEquals(1, harness.counters().decodeErrors(), frame);
            assertEquals(1, harness.publisher().errors().count(reason), frame);
        }
        assertEquals(List.of(), harness.collector().lines());
    }

    static Stream<Arguments> malformedFrames()
    {
        final String book = "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"%s\",\"data\":[{" +
            "\"asks\":[%s],\"bids\":[],\"ts\":\"%s\",\"checksum\":%s,\"seqId\":%s,\"prevSeqId\":-1}]}";
        return Stream.of(
            Arguments.of("ping", OkxDecodeError.MALFORMED_JSON),
            Arguments.of("\"pong\"", OkxDecodeError.MALFORMED_JSON),
            Arguments.of("{\"arg\":{\"channel\":\"trades\"", OkxDecodeError.MALFORMED_JSON),
            Arguments.of(trade("BTC-USDT", "\"px\":\"-1\""), OkxDecodeError.BAD_PRICE),
            Arguments.of(trade("BTC-USDT", "\"px\":\"1.2.3\""), OkxDecodeError.BAD_PRICE),
            Arguments.of(trade("BTC-USDT", "\"px\":\"\""), OkxDecodeError.BAD_PRICE),
            Arguments.of(trade("BTC-USDT", "\"px\":{\"a\":1}"), OkxDecodeError.BAD_DATA),
            Arguments.of(trade("BTC-USDT", "\"px\":\"1\",\"sz\":\"x\""), OkxDecodeError.BAD_SIZE),
            Arguments.of(trade("BTC-USDT", "\"px\":\"1\",\"side\":\"up\""), OkxDecodeError.BAD_SIDE),
            Arguments.of(trade("BTC-USDT", "\"px\":\"1\",\"tradeId\":\"-5\""), OkxDecodeError.BAD_ID),
            Arguments.of(trade("BTC-USDT", "\"px\":\"1\",\"ts\":\"soon\""), OkxDecodeError.BAD_TIME),
            Arguments.of("{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[{\"tradeId\":\"1\"," +
                "\"px\":\"1\",\"sz\":\"1\",\"side\":\"buy\"}]}", OkxDecodeError.MISSING_FIELD),
            Arguments.of("{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[1]}",
                OkxDecodeError.BAD_DATA),
            Arguments.of("{\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},\"data\":[]}",
                OkxDecodeError.BAD_DATA),
            Arguments.of(String.format(book, "partial", "[\"1\",\"2\",\"0\",\"1\"]", "1", "5", "9"),
                OkxDecodeError.BAD_ACTION),
            Arguments.of(String.format(book, "snapshot", "[\"1\"]", "1", "5", "9"), OkxDecodeError.BAD_LEVELS),
            Arguments.of(String.format(book, "snapshot", "\"1\"", "1", "5", "9"), OkxDecodeError.BAD_LEVELS),
            Arguments.of(String.format(book, "snapshot", "[\"a\",\"2\"]", "1", "5", "9"), OkxDecodeError.BAD_LEVELS),
            Arguments.of(String.format(book, "snapshot", "[\"1\",\"2\"]", "1", "4294967296", "9"),
                OkxDecodeError.BAD_ID),
            Arguments.of(String.format(book, "snapshot", "[\"1\",\"2\"]", "1", "5", "-3"), OkxDecodeError.BAD_ID),
            Arguments.of(String.format(book, "update", "[\"1\",\"2\"]", "99999999999999999999", "5", "9"),
                OkxDecodeError.BAD_TIME),
            Arguments.of("{\"arg\":{\"channel\":\"candle1m\",\"instId\":\"BTC-USDT\"},\"data\":[[\"1\",\"2\",\"3\"]]}",
                OkxDecodeError.MISSING_FIELD),
            Arguments.of("{\"arg\":{\"channel\":\"candle1m\",\"instId\":\"BTC-USDT\"},\"data\":[[\"1\",\"2\",\"3\"," +
                "\"1\",\"2\",\"3\",\"4\",\"5\",\"2\"]]}", OkxDecodeError.BAD_CONFIRM));
    }

    private static String trade(final String instId, final String fields)
    {
        return "{\"arg\":{\"channel\":\"trades\",\"instId\":\"" + instId + "\"},\"data\":[{" + fields +
            ",\"instId\":\"" + instId + "\",\"tradeId\":\"1\",\"px\":\"1\",\"sz\":\"1\",\"side\":\"buy\"," +
            "\"ts\":\"1\"}]}";
    }

    static MarketType marketType(final String instId)
    {
        final long dashes = instId.chars().filter(c -> c == '-').count();
        return instId.endsWith("-SWAP") ? MarketType.PERPETUAL : dashes == 1 ? MarketType.SPOT :
            dashes == 2 ? MarketType.FUTURE : MarketType.OPTION;
    }
}
