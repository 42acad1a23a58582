package zvt.crypto.core.instrument;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AsciiSymbolTableTest
{
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";

    @Test
    void shouldFindEverySymbolOfEveryLengthWhereverItSitsInAFrameAndNothingElse()
    {
        final Random random = new Random(42);
        final AsciiSymbolTable table = new AsciiSymbolTable();
        final List<String> symbols = new ArrayList<>();
        for (int length = 1; length <= 40; length++)
        {
            for (int n = 0; n < 5; n++)
            {
                final String symbol = randomSymbol(random, length);
                if (!symbols.contains(symbol))
                {
                    symbols.add(symbol);
                    table.put(symbol, symbols.size());
                }
            }
        }
        assertEquals(symbols.size(), table.size());

        for (int i = 0; i < symbols.size(); i++)
        {
            final String symbol = symbols.get(i);
            // Alone in a direct buffer (nothing before or after it to read by mistake), and between other bytes.
            assertEquals(i + 1, lookUp(table, "", symbol, ""), symbol);
            assertEquals(i + 1, lookUp(table, "{\"s\":\"", symbol, "\",\"t\":1}"), symbol);
            assertEquals(InstrumentRegistry.NO_INSTRUMENT, lookUp(table, "", symbol + "X", ""), symbol + "X");
            assertEquals(InstrumentRegistry.NO_INSTRUMENT, lookUp(table, "", "X" + symbol, ""), "X" + symbol);
            for (int at = 0; at < symbol.length(); at++)
            {
                final char[] changed = symbol.toCharArray();
                changed[at] = changed[at] == 'a' ? 'b' : 'a';
                assertEquals(InstrumentRegistry.NO_INSTRUMENT, lookUp(table, "", new String(changed), ""),
                    new String(changed));
            }
        }
    }

    @Test
    void shouldKeepTheLastIdPutForASymbolAndGrowPastItsFirstCapacity()
    {
        final AsciiSymbolTable table = new AsciiSymbolTable();
        for (int i = 0; i < 100; i++)
        {
            table.put("SYM" + i, i + 1);
        }
        table.put("SYM7", 700);
        assertEquals(100, table.size());
        assertEquals(700, lookUp(table, "", "SYM7", ""));
        assertEquals(100, lookUp(table, "", "SYM99", ""));
        assertEquals(InstrumentRegistry.NO_INSTRUMENT, lookUp(table, "", "", ""));
    }

    private static int lookUp(final AsciiSymbolTable table, final String before, final String symbol,
        final String after)
    {
        final byte[] bytes = (before + symbol + after).getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
        frame.putBytes(0, bytes);
        return table.get(frame, before.length(), symbol.length());
    }

    private static String randomSymbol(final Random random, final int length)
    {
        final StringBuilder symbol = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            symbol.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return symbol.toString();
    }
}
