package zvt.crypto.feed.book;

/**
 * A venue's book checksum (OKX: CRC32 of the best 25 levels as the venue wrote them). The checksum keeps its own
 * copy of the book, fed every message the rule accepts; {@link BookSync} verifies each message that carries a
 * checksum and treats a mismatch as a gap. Not thread-safe: one per instrument.
 */
public interface BookChecksum
{
    /** Applies the message (a snapshot replaces the book). */
    void apply(BookFields message);

    /** @return true if the book after the last message applied has the venue's checksum {@code expected}. */
    boolean matches(int expected);

    /** Forgets the book (a resync follows). */
    void clear();
}
