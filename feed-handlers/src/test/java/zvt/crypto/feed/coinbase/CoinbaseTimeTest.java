package zvt.crypto.feed.coinbase;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The allocation-free time parser against {@link java.time}, table-driven. */
class CoinbaseTimeTest
{
    @ParameterizedTest
    @ValueSource(strings = {
        "2026-08-09T21:05:48.229198328Z", "2026-08-09T21:05:42.514318Z", "2026-08-09T21:05:38.50436Z",
        "2026-08-09T21:05:48Z", "2026-08-09T21:05:48.1Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59.999999999Z",
        "2000-03-01T00:00:00.000Z", "2262-04-11T23:47:16.854775807Z", "2026-08-09T23:05:48.5+02:00",
        "2026-08-09T21:05:48.5-05:30", "2021-04-17T16:43:30.244075Z"})
    void shouldReadRfc3339TimesExactlyAsJavaTime(final String text)
    {
        final OffsetDateTime time = OffsetDateTime.parse(text);
        final long expected = time.toEpochSecond() * 1_000_000_000L + time.getNano();
        assertEquals(expected, parse(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "2026-08-09", "2026-08-09T21:05:48", "2026-08-09T21:05:48.Z", "2026-08-09T21:05:48.1234567890Z",
        "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-08-32T00:00:00Z",
        "2026-08-09T24:00:00Z", "2026-08-09T21:60:00Z", "2026-08-09T21:05:60Z", "1969-12-31T23:59:59Z",
        "2262-04-11T23:47:16.854775808Z", "2026-08-09 21:05:48Z", "2026-08-09T21:05:48+0200", "2026-08-09T2x:05:48Z",
        "2026-08-09T21:05:48ZZ", "2026-08-09T21:05:48+24:00", "-026-08-09T21:05:48Z", "2026-08-09T21:05:48.5 Z"})
    void shouldRefuseAnythingElse(final String text)
    {
        assertEquals(CoinbaseTime.INVALID, parse(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1786279500", "0", "9223372036"})
    void shouldReadCandleStartSecondsAsNanos(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertEquals(Long.parseLong(text) * 1_000_000_000L,
            CoinbaseTime.secondsAsNanos(new UnsafeBuffer(bytes), 0, bytes.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "9223372037", "17862795001786279500", "1.5", "1e9"})
    void shouldRefuseCandleStartsThatAreNotSecondsInRange(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertEquals(CoinbaseTime.INVALID, CoinbaseTime.secondsAsNanos(new UnsafeBuffer(bytes), 0, bytes.length));
    }

    private static long parse(final String text)
    {
        final byte[] bytes = ("\"" + text + "\"").getBytes(StandardCharsets.US_ASCII);
        return CoinbaseTime.rfc3339Nanos(new UnsafeBuffer(bytes), 1, bytes.length - 2);
    }
}
