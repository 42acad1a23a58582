package zvt.crypto.ops.logging;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The binary's logback.xml: human-readable lines by default, one JSON object per line with
 * {@code ZVT_LOG_FORMAT=json} (set here as the system property logback reads before the environment).
 */
class LogFormatTest
{
    private final PrintStream stderr = System.err;

    @AfterEach
    void restore() throws Exception
    {
        System.setErr(stderr);
        System.clearProperty("ZVT_LOG_FORMAT");
        configure(); // back to the default for the tests that follow in this JVM
    }

    @Test
    void shouldWriteTextByDefaultAndJsonLinesWhenAsked() throws Exception
    {
        final String text = logOnce(null);
        assertTrue(text.matches("(?s)\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[.+] .*LogFormatTest - feed connected venue=okx\\R"),
            text);

        final String json = logOnce("json");
        final JsonNode line = new ObjectMapper().readTree(json.strip());
        assertEquals("INFO", line.path("level").asText(), json);
        assertEquals("feed connected venue=okx", line.path("formattedMessage").asText(), json);
        assertEquals(LogFormatTest.class.getName(), line.path("loggerName").asText(), json);
        assertEquals(1, json.strip().lines().count(), "one line per event: " + json);
    }

    private String logOnce(final String format) throws Exception
    {
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        if (format == null)
        {
            System.clearProperty("ZVT_LOG_FORMAT");
        }
        else
        {
            System.setProperty("ZVT_LOG_FORMAT", format);
        }
        configure();
        LoggerFactory.getLogger(LogFormatTest.class).info("feed connected venue={}", "okx");
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static void configure() throws Exception
    {
        final LoggerContext context = (LoggerContext)LoggerFactory.getILoggerFactory();
        context.reset();
        final JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
    }
}
