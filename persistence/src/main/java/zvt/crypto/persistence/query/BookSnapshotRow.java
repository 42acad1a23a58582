package zvt.crypto.persistence.query;

import java.time.Instant;

/** One stored book snapshot; bids and asks as JSON text {@code [["price","size"], ...]}, best first. */
public record BookSnapshotRow(Instant time, long sequence, String bidsJson, String asksJson)
{
}
