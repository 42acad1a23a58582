package zvt.crypto.feed.okx;

import org.agrona.DirectBuffer;
import zvt.crypto.core.codec.CandleInterval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The OKX v5 public channels this feed decodes, by their {@code arg.channel} name: what each one carries and which
 * endpoint serves it. Looked up from frame bytes without allocation. Immutable.
 *
 * @param name     the channel as OKX spells it ({@code books}, {@code candle1m}).
 * @param kind     what the decoder makes of it.
 * @param interval the candle interval of a {@code candle*} channel, else null.
 * @param group    {@link #PUBLIC} ({@code /ws/v5/public}) or {@link #BUSINESS} ({@code /ws/v5/business}).
 */
record OkxChannel(String name, Kind kind, CandleInterval interval, int group)
{
    /** Connection group of {@code wss://ws.okx.com:8443/ws/v5/public}. */
    static final int PUBLIC = 0;
    /**
     * Connection group of {@code /ws/v5/business}: since 2023-06 OKX serves candles and {@code trades-all} only there
     * ([doc] help-centre 2023-04-24, table partly read; [2nd] current clients). The 2022 recordings of
     * {@code candle1m} predate the move and came from {@code /public}; the decoder does not care which.
     */
    static final int BUSINESS = 1;

    /** What a channel's data becomes. */
    enum Kind
    {
        /** {@code data:[{instId,tradeId,px,sz,side,ts}]} → Trade. */
        TRADES,
        /** {@code action} snapshot/update with {@code asks,bids,ts,checksum[,seqId,prevSeqId]} → BookUpdate. */
        BOOK,
        /** Full best levels ({@code bbo-tbt}: 1 level, {@code books5}: 5) → TopOfBook from the first of each side. */
        TOP_LEVELS,
        /** {@code tickers}: {@code bidPx,bidSz,askPx,askSz,ts} → TopOfBook. */
        TICKER,
        /** {@code data:[[ts,o,h,l,c,vol,volCcy(,volCcyQuote,confirm)]]} → Candle. */
        CANDLE
    }

    private static final List<OkxChannel> ALL = all();
    private static final byte[][] ASCII = ALL.stream().map(c -> c.name.getBytes(StandardCharsets.US_ASCII))
        .toArray(byte[][]::new);

    /** Every channel, in a fixed order. */
    static List<OkxChannel> channels()
    {
        return ALL;
    }

    /** @return the channel of that name, or null. */
    static OkxChannel of(final String name)
    {
        for (final OkxChannel channel : ALL)
        {
            if (channel.name.equals(name))
            {
                return channel;
            }
        }
        return null;
    }

    /** @return the channel whose name the bytes spell, or null; allocation-free. */
    static OkxChannel of(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < ASCII.length; i++)
        {
            final byte[] name = ASCII[i];
            if (name.length == length && equals(buffer, offset, name))
            {
                return ALL.get(i);
            }
        }
        return null;
    }

    private static boolean equals(final DirectBuffer buffer, final int offset, final byte[] name)
    {
        for (int i = 0; i < name.length; i++)
        {
            if (buffer.getByte(offset + i) != name[i])
            {
                return false;
            }
        }
        return true;
    }

    private static List<OkxChannel> all()
    {
        final List<OkxChannel> channels = new ArrayList<>(List.of(
            new OkxChannel("trades", Kind.TRADES, null, PUBLIC),
            // Every fill rather than one aggregate per taker order; business endpoint only [2nd].
            new OkxChannel("trades-all", Kind.TRADES, null, BUSINESS),
            new OkxChannel("books", Kind.BOOK, null, PUBLIC),
            // The tick-by-tick books need a VIP login ([doc] best-practice page), which this feed does not do: OKX
            // answers the subscription with an error event (logged once); kept for recordings and stand-ins.
            new OkxChannel("books-l2-tbt", Kind.BOOK, null, PUBLIC),
            new OkxChannel("books50-l2-tbt", Kind.BOOK, null, PUBLIC),
            new OkxChannel("bbo-tbt", Kind.TOP_LEVELS, null, PUBLIC),
            new OkxChannel("books5", Kind.TOP_LEVELS, null, PUBLIC),
            new OkxChannel("tickers", Kind.TICKER, null, PUBLIC)));
        // OKX's plain 6H and longer bars are aligned to Hong Kong time; only the UTC variants match our intervals,
        // the bars the REST kline client uses too. Calendar months have no fixed length and are left out.
        for (final CandleInterval interval : CandleInterval.values())
        {
            final String bar = OkxKlineApi.bar(interval);
            if (bar != null)
            {
                channels.add(new OkxChannel("candle" + bar, Kind.CANDLE, interval, BUSINESS));
            }
        }
        return List.copyOf(channels);
    }
}
