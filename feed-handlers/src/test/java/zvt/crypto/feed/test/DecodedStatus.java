package zvt.crypto.feed.test;

import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.codec.VenueStatusCode;

/**
 * A VenueStatus read back from a ring slot.
 */
public record DecodedStatus(Venue venue, int instrumentId, VenueStatusCode code, String reason)
{
}
