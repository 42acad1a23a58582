package zvt.crypto.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the market-data database is: a JDBC URL, a user, a password (taken from the environment or a file by the
 * caller, never from the config file) and the schema the tables live in. {@link #connect()} opens a plain pgjdbc
 * connection with that schema as its search path.
 * <p>
 * Not thread-safe while being configured; safe to share once concluded.
 */
public final class DatabaseContext
{
    private String url;
    private String user = "postgres";
    private String password = "";
    private String schema = "public";
    private int connectTimeoutSeconds = 5;
    private int socketTimeoutSeconds = 60;
    private boolean concluded;

    public DatabaseContext url(final String url)
    {
        checkNotConcluded();
        this.url = url;
        return this;
    }

    public String url()
    {
        return url;
    }

    public DatabaseContext user(final String user)
    {
        checkNotConcluded();
        this.user = user;
        return this;
    }

    public String user()
    {
        return user;
    }

    public DatabaseContext password(final String password)
    {
        checkNotConcluded();
        this.password = password == null ? "" : password;
        return this;
    }

    public String password()
    {
        return password;
    }

    /** @param schema the schema holding the tables (created by the migrations if absent). */
    public DatabaseContext schema(final String schema)
    {
        checkNotConcluded();
        this.schema = schema;
        return this;
    }

    public String schema()
    {
        return schema;
    }

    /** @param seconds how long opening a connection may take; a dead database fails fast instead of hanging. */
    public DatabaseContext connectTimeoutSeconds(final int seconds)
    {
        checkNotConcluded();
        this.connectTimeoutSeconds = seconds;
        return this;
    }

    /** @param seconds how long one read on an open connection may block before it is treated as broken. */
    public DatabaseContext socketTimeoutSeconds(final int seconds)
    {
        checkNotConcluded();
        this.socketTimeoutSeconds = seconds;
        return this;
    }

    public DatabaseContext conclude()
    {
        if (!concluded)
        {
            Objects.requireNonNull(url, "url");
            if (!url.startsWith("jdbc:postgresql:"))
            {
                throw new IllegalArgumentException("db url must be jdbc:postgresql://...: " + url);
            }
            if (!schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}"))
            {
                throw new IllegalArgumentException("schema must be a plain SQL identifier: " + schema);
            }
            concluded = true;
        }
        return this;
    }

    /** @return a new connection (auto-commit on) whose search path is the configured schema. */
    public Connection connect() throws SQLException
    {
        return DriverManager.getConnection(url, connectionProperties());
    }

    /** The pgjdbc properties of every connection: credentials, search path, timeouts, keep-alive, application name. */
    public Properties connectionProperties()
    {
        conclude();
        final Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("currentSchema", schema);
        properties.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
        properties.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "zvt-crypto");
        return properties;
    }

    public String toString()
    {
        return "DatabaseContext{url=" + url + ", user=" + user + ", schema=" + schema + '}';
    }

    private void checkNotConcluded()
    {
        if (concluded)
        {
            throw new IllegalStateException("context already concluded");
        }
    }
}
