package zvt.crypto.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API keys the gateway accepts, held as SHA-256 hashes only. One entry per key:
 * <pre>
 *   # comment
 *   keyId:sha256hex            may use the WebSocket stream and the REST API
 *   keyId:sha256hex:ws         the WebSocket stream only (rest: the REST API only; ws+rest: both)
 * </pre>
 * A file holds one entry a line; the environment form holds the same entries comma-separated. Keys are
 * high-entropy random tokens (see {@code zvt-crypto hash-key}), so a plain SHA-256 is enough: a hash reveals nothing
 * that helps guess the key. Every presented key is compared with every hash in constant time.
 * <p>
 * Immutable and thread-safe. Errors name the source and line, never a key or a hash.
 */
public final class ApiKeys
{
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private final String[] keyIds;
    private final byte[][] hashes;
    private final List<Set<Access>> access;

    private ApiKeys(final List<String> keyIds, final List<byte[]> hashes, final List<Set<Access>> access)
    {
        this.keyIds = keyIds.toArray(String[]::new);
        this.hashes = hashes.toArray(byte[][]::new);
        this.access = List.copyOf(access);
    }

    public static ApiKeys none()
    {
        return new ApiKeys(List.of(), List.of(), List.of());
    }

    /** Reads a key file: one entry a line, {@code #} starts a comment. */
    public static ApiKeys read(final Path file) throws IOException
    {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /** The environment form: entries separated by commas. */
    public static ApiKeys parseList(final String entries, final String source)
    {
        return parse(Arrays.asList(entries.split(",")), source);
    }

    /**
     * @param source names where the entries come from in error messages.
     * @throws IllegalArgumentException naming the source and line of the first malformed or repeated entry.
     */
    public static ApiKeys parse(final List<String> lines, final String source)
    {
        final List<String> keyIds = new ArrayList<>();
        final List<byte[]> hashes = new ArrayList<>();
        final List<Set<Access>> access = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final int hash = lines.get(i).indexOf('#');
            final String line = (hash < 0 ? lines.get(i) : lines.get(i).substring(0, hash)).trim();
            if (line.isEmpty())
            {
                continue;
            }
            final String where = source + " entry " + (i + 1);
            final String[] fields = line.split(":", -1);
            if (fields.length < 2 || fields.length > 3 || !KEY_ID.matcher(fields[0]).matches() ||
                !SHA256_HEX.matcher(fields[1]).matches())
            {
                throw new IllegalArgumentException(where + ": expected keyId:sha256hex[:ws|rest|ws+rest], keyId of" +
                    " letters, digits, '.', '_' or '-', the hash 64 hex digits");
            }
            if (!seen.add(fields[0]))
            {
                throw new IllegalArgumentException(where + ": key id " + fields[0] + " appears twice");
            }
            keyIds.add(fields[0]);
            hashes.add(HEX.parseHex(fields[1].toLowerCase()));
            access.add(fields.length == 3 ? accessOf(fields[2], where) : Access.ALL);
        }
        return new ApiKeys(keyIds, hashes, access);
    }

    /** The hash an entry holds for this key, in lower-case hex. */
    public static String sha256Hex(final String key)
    {
        return HEX.formatHex(sha256(key));
    }

    public int size()
    {
        return keyIds.length;
    }

    /** @return the principal of the key whose hash matches, or null if none does. */
    Principal match(final String presentedKey)
    {
        final byte[] presented = sha256(presentedKey);
        int found = -1;
        // No early exit: the time taken does not depend on which entry (if any) matches.
        for (int i = 0; i < hashes.length; i++)
        {
            if (MessageDigest.isEqual(presented, hashes[i]))
            {
                found = i;
            }
        }
        return found < 0 ? null : Principal.apiKey(keyIds[found], access.get(found));
    }

    private static Set<Access> accessOf(final String text, final String where)
    {
        final EnumSet<Access> result = EnumSet.noneOf(Access.class);
        for (final String label : text.split("\\+"))
        {
            final Access access = Access.ofLabel(label.trim());
            if (access == null)
            {
                throw new IllegalArgumentException(where + ": access must be ws, rest or ws+rest");
            }
            result.add(access);
        }
        return Set.copyOf(result);
    }

    private static byte[] sha256(final String key)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
    }
}
