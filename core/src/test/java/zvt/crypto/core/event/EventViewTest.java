package zvt.crypto.core.event;

import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.BookUpdateDecoder;
import zvt.crypto.core.codec.CandleDecoder;
import zvt.crypto.core.codec.InstrumentDefinitionDecoder;
import zvt.crypto.core.codec.TopOfBookDecoder;
import zvt.crypto.core.codec.TradeDecoder;
import zvt.crypto.core.codec.VenueStatusDecoder;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventViewTest
{
    /** The schema promises every message starts with the same prefix; EventView reads it at fixed offsets. */
    @Test
    void shouldMatchTheGeneratedOffsetsOfEveryMessage()
    {
        final List<int[]> offsets = List.of(
            new int[]{TradeDecoder.receiveTimeNanosEncodingOffset(), TradeDecoder.exchangeTimeNanosEncodingOffset(),
                TradeDecoder.instrumentIdEncodingOffset(), TradeDecoder.venueEncodingOffset()},
            new int[]{BookUpdateDecoder.receiveTimeNanosEncodingOffset(),
                BookUpdateDecoder.exchangeTimeNanosEncodingOffset(), BookUpdateDecoder.instrumentIdEncodingOffset(),
                BookUpdateDecoder.venueEncodingOffset()},
            new int[]{TopOfBookDecoder.receiveTimeNanosEncodingOffset(),
                TopOfBookDecoder.exchangeTimeNanosEncodingOffset(), TopOfBookDecoder.instrumentIdEncodingOffset(),
                TopOfBookDecoder.venueEncodingOffset()},
            new int[]{CandleDecoder.receiveTimeNanosEncodingOffset(), CandleDecoder.exchangeTimeNanosEncodingOffset(),
                CandleDecoder.instrumentIdEncodingOffset(), CandleDecoder.venueEncodingOffset()},
            new int[]{InstrumentDefinitionDecoder.receiveTimeNanosEncodingOffset(),
                InstrumentDefinitionDecoder.exchangeTimeNanosEncodingOffset(),
                InstrumentDefinitionDecoder.instrumentIdEncodingOffset(),
                InstrumentDefinitionDecoder.venueEncodingOffset()},
            new int[]{VenueStatusDecoder.receiveTimeNanosEncodingOffset(),
                VenueStatusDecoder.exchangeTimeNanosEncodingOffset(), VenueStatusDecoder.instrumentIdEncodingOffset(),
                VenueStatusDecoder.venueEncodingOffset()});

        for (final int[] messageOffsets : offsets)
        {
            assertEquals(EventView.RECEIVE_TIME_OFFSET, messageOffsets[0]);
            assertEquals(EventView.EXCHANGE_TIME_OFFSET, messageOffsets[1]);
            assertEquals(EventView.INSTRUMENT_ID_OFFSET, messageOffsets[2]);
            assertEquals(EventView.VENUE_OFFSET, messageOffsets[3]);
        }
        assertEquals(EventType.values().length, offsets.size());
    }
}
