package zvt.crypto.gateway.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeysTest
{
    private static final String ALICE_KEY = "k9Vd3hQ_alice-secret-0123456789abcdefXYZ";
    private static final String BOB_KEY = "bob-secret-ZYXWVUTSRQ9876543210zyxwvuts";

    @Test
    void shouldReadAKeyFileWithCommentsAndAccess(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("keys");
        Files.writeString(file, "# operators\n\nalice:" + ApiKeys.sha256Hex(ALICE_KEY) + "   # full access\n" +
            "bob:" + ApiKeys.sha256Hex(BOB_KEY).toUpperCase() + ":ws\n");
        final ApiKeys keys = ApiKeys.read(file);

        assertEquals(2, keys.size());
        assertEquals(new Principal("key:alice", Set.of(Access.WS, Access.REST)), keys.match(ALICE_KEY));
        final Principal bob = keys.match(BOB_KEY);
        assertEquals("key:bob", bob.name(), "upper-case hex is the same hash");
        assertTrue(bob.permits(Access.WS));
        assertFalse(bob.permits(Access.REST));
        assertNull(keys.match(ALICE_KEY + "x"));
        assertNull(keys.match(ApiKeys.sha256Hex(ALICE_KEY)), "the hash itself is not a key");
    }

    @Test
    void shouldReadTheEnvironmentForm()
    {
        final ApiKeys keys = ApiKeys.parseList(
            "alice:" + ApiKeys.sha256Hex(ALICE_KEY) + ":rest, bob:" + ApiKeys.sha256Hex(BOB_KEY) + ":ws+rest",
            "ZVT_GATEWAY_AUTH_API_KEYS");
        assertEquals(Set.of(Access.REST), keys.match(ALICE_KEY).access());
        assertEquals(Set.of(Access.WS, Access.REST), keys.match(BOB_KEY).access());
    }

    @Test
    void shouldMatchTheSha256OfTheKey()
    {
        // printf %s abc | sha256sum
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeys.sha256Hex("abc"));
    }

    @Test
    void shouldRefuseMalformedEntriesNamingTheLineButNeverTheHash()
    {
        final String hash = ApiKeys.sha256Hex(ALICE_KEY);
        for (final String bad : List.of("alice", "alice:" + hash.substring(1), "al ice:" + hash,
            "alice:" + hash + ":admin", "alice:" + hash + ":ws:rest", ":" + hash))
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> ApiKeys.parse(List.of("# header", bad), "keys.txt"), bad);
            assertTrue(ex.getMessage().startsWith("keys.txt entry 2: "), ex.getMessage());
            assertFalse(ex.getMessage().contains(hash.substring(1, 20)), ex.getMessage());
        }
        final IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
            () -> ApiKeys.parse(List.of("alice:" + hash, "alice:" + ApiKeys.sha256Hex(BOB_KEY)), "keys.txt"));
        assertEquals("keys.txt entry 2: key id alice appears twice", twice.getMessage());
    }
}
