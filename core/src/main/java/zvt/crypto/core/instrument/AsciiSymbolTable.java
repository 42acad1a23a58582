package zvt.crypto.core.instrument;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import zvt.crypto.core.json.RangeBytes;

import java.nio.charset.StandardCharsets;

/**
 * Maps a venue symbol, as ASCII bytes inside a frame, to its instrument id without allocating: open addressing
 * on an FNV-1a hash, keys compared byte by byte. Filled at subscribe time; not thread-safe, one per decoder.
 */
public final class AsciiSymbolTable
{
    private byte[][] keys;
    private int[] ids;
    private int size;

    public AsciiSymbolTable()
    {
        keys = new byte[16][];
        ids = new int[16];
    }

    public void put(final String symbol, final int id)
    {
        if ((size + 1) * 2 > keys.length)
        {
            resize();
        }
        final byte[] key = symbol.getBytes(StandardCharsets.US_ASCII);
        int slot = slot(hash(key, 0, key.length));
        while (keys[slot] != null && !java.util.Arrays.equals(keys[slot], key))
        {
            slot = (slot + 1) & (keys.length - 1);
        }
        if (keys[slot] == null)
        {
            size++;
        }
        keys[slot] = key;
        ids[slot] = id;
    }

    /** @return the id, or {@link InstrumentRegistry#NO_INSTRUMENT} for a symbol not in the table. */
    public int get(final DirectBuffer buffer, final int offset, final int length)
    {
        int slot = slot(hash(buffer, offset, length));
        byte[] key;
        while ((key = keys[slot]) != null)
        {
            if (matches(key, buffer, offset, length))
            {
                return ids[slot];
            }
            slot = (slot + 1) & (keys.length - 1);
        }
        return InstrumentRegistry.NO_INSTRUMENT;
    }

    public int size()
    {
        return size;
    }

    private int slot(final int hash)
    {
        return hash & (keys.length - 1);
    }

    private void resize()
    {
        final byte[][] oldKeys = keys;
        final int[] oldIds = ids;
        keys = new byte[BitUtil.findNextPositivePowerOfTwo(oldKeys.length * 2)][];
        ids = new int[keys.length];
        for (int i = 0; i < oldKeys.length; i++)
        {
            final byte[] key = oldKeys[i];
            if (key != null)
            {
                int slot = slot(hash(key, 0, key.length));
                while (keys[slot] != null)
                {
                    slot = (slot + 1) & (keys.length - 1);
                }
                keys[slot] = key;
                ids[slot] = oldIds[i];
            }
        }
    }

    private static boolean matches(final byte[] key, final DirectBuffer buffer, final int offset, final int length)
    {
        if (key.length != length)
        {
            return false;
        }
        buffer.boundsCheck(offset, length);
        for (int i = 0; i < length; i++)
        {
            if (key[i] != RangeBytes.get(buffer, offset + i))
            {
                return false;
            }
        }
        return true;
    }

    private static int hash(final byte[] bytes, final int offset, final int length)
    {
        int hash = 0x811C9DC5;
        for (int i = offset; i < offset + length; i++)
        {
            hash = (hash ^ bytes[i]) * 0x01000193;
        }
        return hash ^ (hash >>> 16);
    }

    private static int hash(final DirectBuffer buffer, final int offset, final int length)
    {
        buffer.boundsCheck(offset, length);
        int hash = 0x811C9DC5;
        for (int i = offset; i < offset + length; i++)
        {
            hash = (hash ^ RangeBytes.get(buffer, i)) * 0x01000193;
        }
        return hash ^ (hash >>> 16);
    }
}
