package zvt.crypto.ops.tools;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import zvt.crypto.gateway.auth.ApiKeys;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HashKeyCommandTest
{
    @Test
    void shouldMakeAKeyWhoseEntryTheGatewayAccepts()
    {
        final String[] first = run(new HashKeyCommand(), "alice", "--access", "ws");
        final String key = first[0].substring("key:".length()).strip();
        final String entry = first[2].substring("entry:".length()).strip();

        assertTrue(entry.startsWith("alice:") && entry.endsWith(":ws"), entry);
        assertTrue(key.length() >= 43 && key.indexOf('.') < 0, "32 random bytes, base64url: " + key);
        assertEquals(entry, "alice:" + ApiKeys.sha256Hex(key) + ":ws");
        assertEquals(1, ApiKeys.parse(List.of(entry), "test").size());
        assertNotEquals(key, run(new HashKeyCommand(), "alice")[0].substring("key:".length()).strip(), "random");
    }

    @Test
    void shouldHashAKeyFromStandardInputWithoutEchoingIt()
    {
        final HashKeyCommand command = new HashKeyCommand();
        command.input = new ByteArrayInputStream("abc\n".getBytes(StandardCharsets.UTF_8));
        final String[] lines = run(command, "bob", "--stdin");

        assertEquals(1, lines.length);
        assertEquals("entry: bob:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", lines[0]);
    }

    @Test
    void shouldRefuseAnIdTheGatewayWouldNotRead()
    {
        final StringWriter err = new StringWriter();
        final int exit = new CommandLine(new HashKeyCommand()).setErr(new PrintWriter(err)).execute("al ice");
        assertNotEquals(0, exit);
        assertFalse(err.toString().isEmpty());
    }

    private static String[] run(final HashKeyCommand command, final String... args)
    {
        final StringWriter out = new StringWriter();
        final int exit = new CommandLine(command).setOut(new PrintWriter(out)).execute(args);
        assertEquals(0, exit, out.toString());
        return out.toString().split("\\R");
    }
}
