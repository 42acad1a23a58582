package zvt.crypto.ops.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import zvt.crypto.gateway.auth.ApiKeys;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hash-key <keyId>}: makes a new API key (32 random bytes, base64url) and prints it with its key-file entry
 * {@code keyId:sha256hex}; with {@code --stdin}, hashes a key read from standard input instead (never from the
 * command line, where it would land in the shell's history and the process list).
 */
@Command(name = "hash-key",
    description = "Make a gateway API key and its entry for gateway.auth.api.keys.file / ZVT_GATEWAY_AUTH_API_KEYS")
public final class HashKeyCommand implements Callable<Integer>
{
    private static final int KEY_BYTES = 32;

    @Parameters(index = "0", description = "key id (letters, digits, '.', '_', '-'), e.g. the client's name")
    String keyId;

    @Option(names = "--access", description = "ws, rest or ws+rest (default: both)")
    String access;

    @Option(names = "--stdin", description = "hash the key read from standard input instead of making one")
    boolean stdin;

    @Spec
    CommandSpec spec;

    /** Where {@code --stdin} reads; replaceable for tests. */
    InputStream input = System.in;

    public Integer call() throws Exception
    {
        final String key = stdin ? readKey() : newKey();
        final String entry = keyId + ':' + ApiKeys.sha256Hex(key) + (access == null ? "" : ':' + access);
        // Validates the id and the access the way the gateway will read them.
        ApiKeys.parse(List.of(entry), "hash-key");
        final PrintWriter out = spec.commandLine().getOut();
        if (!stdin)
        {
            out.println("key:   " + key);
            out.println("       (give it to the client now: only its hash is kept, it cannot be shown again)");
        }
        out.println("entry: " + entry);
        out.flush();
        return 0;
    }

    private String readKey() throws Exception
    {
        final BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        final String line = reader.readLine();
        if (line == null || line.isBlank())
        {
            throw new IllegalArgumentException("--stdin: no key on standard input");
        }
        return line.strip();
    }

    private static String newKey()
    {
        final byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        // base64url has no '.', which the gateway reads as the mark of a JWT in ?access_token=.
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
