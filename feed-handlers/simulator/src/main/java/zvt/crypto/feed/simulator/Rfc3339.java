package zvt.crypto.feed.simulator;

import org.agrona.MutableDirectBuffer;

/**
 * Writes an epoch-millisecond time as RFC 3339 UTC with nanoseconds, {@code 2026-12-03T08:30:00.123000000Z}, the way
 * Coinbase stamps its messages, without allocating (civil-from-days after H. Hinnant). Stateless.
 */
public final class Rfc3339
{
    /** Characters written. */
    public static final int LENGTH = 30;

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private Rfc3339()
    {
    }

    /** @return the offset after the text. */
    public static int write(final MutableDirectBuffer buffer, final int offset, final long epochMs)
    {
        final long days = Math.floorDiv(epochMs, MILLIS_PER_DAY);
        final long millisOfDay = Math.floorMod(epochMs, MILLIS_PER_DAY);
        final long z = days + 719_468;
        final long era = Math.floorDiv(z, 146_097);
        final long dayOfEra = z - era * 146_097;
        final long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long monthIndex = (5 * dayOfYear + 2) / 153;
        final long day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
        final long month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
        final long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        int position = digits(buffer, offset, year, 4);
        buffer.putByte(position++, (byte)'-');
        position = digits(buffer, position, month, 2);
        buffer.putByte(position++, (byte)'-');
        position = digits(buffer, position, day, 2);
        buffer.putByte(position++, (byte)'T');
        position = digits(buffer, position, millisOfDay / 3_600_000, 2);
        buffer.putByte(position++, (byte)':');
        position = digits(buffer, position, millisOfDay / 60_000 % 60, 2);
        buffer.putByte(position++, (byte)':');
        position = digits(buffer, position, millisOfDay / 1_000 % 60, 2);
        buffer.putByte(position++, (byte)'.');
        position = digits(buffer, position, millisOfDay % 1_000, 3);
        position = digits(buffer, position, 0, 6);
        buffer.putByte(position++, (byte)'Z');
        return position;
    }

    private static int digits(final MutableDirectBuffer buffer, final int offset, final long value, final int count)
    {
        long remaining = value;
        for (int i = count - 1; i >= 0; i--)
        {
            buffer.putByte(offset + i, (byte)('0' + remaining % 10));
            remaining /= 10;
        }
        return offset + count;
    }
}
