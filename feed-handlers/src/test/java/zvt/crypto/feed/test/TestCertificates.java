package zvt.crypto.feed.test;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away self-signed certificate for {@code localhost}, made with the JDK's own keytool, and the server and
 * client TLS contexts built on it.
 */
public final class TestCertificates
{
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final KeyStore keyStore;

    private TestCertificates(final KeyStore keyStore)
    {
        this.keyStore = keyStore;
    }

    public static TestCertificates forLocalhost(final Path dir) throws Exception
    {
        final Path file = dir.resolve("localhost.p12");
        final Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        final Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "localhost",
            "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost",
            "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
            "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0)
        {
            throw new IllegalStateException("keytool failed: " + output);
        }
        final KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file))
        {
            keyStore.load(in, PASSWORD);
        }
        return new TestCertificates(keyStore);
    }

    public SslContext serverContext() throws Exception
    {
        final KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, PASSWORD);
        return SslContextBuilder.forServer(keyManagers).sslProvider(SslProvider.JDK).build();
    }

    /** A client context that trusts only this certificate and verifies the host name against it. */
    public SslContext clientContext() throws Exception
    {
        final TrustManagerFactory trustManagers =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(keyStore);
        return SslContextBuilder.forClient()
            .sslProvider(SslProvider.JDK)
            .trustManager(trustManagers)
            .endpointIdentificationAlgorithm("HTTPS")
            .build();
    }
}
