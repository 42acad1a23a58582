package zvt.crypto.ops.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeConfigTest
{
    @Test
    void shouldLayerDefaultsFileAndEnvironment(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("node.properties");
        Files.writeString(file, "# comment\ngateway.port = 9000\nbinance.symbols = SOL-USDT, BTC-USDT\n");

        final NodeConfig config = NodeConfig.load(file, Map.of("ZVT_GATEWAY_PORT", "9100", "ZVT_RING_WAIT", "sleeping"));

        assertEquals(9100, config.getInt("gateway.port"), "the environment wins over the file");
        assertEquals("sleeping", config.get("ring.wait"));
        assertEquals(List.of("SOL-USDT", "BTC-USDT"), config.getList("binance.symbols"), "the file wins over defaults");
        assertEquals("./data/journal", config.get("journal.dir"), "defaults fill the rest");
    }

    @Test
    void shouldTakeVenueDefaultsFromTheVenuesAndLetTheEnvironmentOverrideThem()
    {
        final NodeConfig config = NodeConfig.defaults(Map.of("ZVT_BINANCE_WS_URL", "ws://127.0.0.1:9443"));

        assertEquals("ws://127.0.0.1:9443", config.section("binance").get("ws.url"));
        assertEquals("https://api.binance.com", config.section("binance").get("rest.url"), "the venue's default");
    }

    @Test
    void shouldNameTheEnvironmentVariableOfEveryKey()
    {
        assertEquals("ZVT_JOURNAL_RETENTION_DAYS", NodeConfig.environmentName("journal.retention.days"));
        assertEquals("ZVT_BINANCE_WS_URL", NodeConfig.environmentName("binance.ws-url"));
    }

    @Test
    void shouldDocumentEveryKeyInTheShippedConfigFile() throws IOException
    {
        final NodeConfig shipped = NodeConfig.load(Path.of("config/zvt-crypto.properties"), Map.of());
        final NodeConfig defaults = NodeConfig.defaults(Map.of());

        assertEquals(defaults.asMap(), shipped.asMap(), "ops/config/zvt-crypto.properties documents the defaults");
    }

    @Test
    void shouldRejectBadValuesNamingTheKey()
    {
        final NodeConfig config = NodeConfig.defaults(Map.of("ZVT_GATEWAY_PORT", "eighty"));

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> config.getInt("gateway.port"));
        assertTrue(ex.getMessage().contains("gateway.port"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config.get("no.such.key"));
    }
}
