package zvt.crypto.ops.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import zvt.crypto.core.test.Tests;

/**
 * A tab of the browser showing the web page, read the way a test needs it: JavaScript expressions as text or
 * numbers, waits that poll the page ten times a second (the browser shares two cores with the node), and what went
 * wrong in it.
 */
final class BrowserPage implements AutoCloseable
{
    static final String LADDER = "document.getElementById('ladder').dataset";
    private static final long POLL_MS = 100;

    private final DevTools tab;

    private BrowserPage(final DevTools tab)
    {
        this.tab = tab;
    }

    static BrowserPage open(final Chromium chromium, final String url) throws Exception
    {
        final DevTools tab = chromium.openTab();
        tab.enable();
        tab.navigate(url);
        return new BrowserPage(tab);
    }

    /** The expression's value as text; null if it is null or threw. */
    String text(final String expression)
    {
        try
        {
            final JsonNode value = tab.evaluate(expression);
            return value == null || value.isNull() ? null : value.asText();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(expression, ex);
        }
    }

    /** The expression's value as a whole number; -1 if it has none (empty, undefined). */
    long number(final String expression)
    {
        final String value = text("String(" + expression + ")");
        return value == null || value.isEmpty() || value.equals("undefined") ? -1 : Long.parseLong(value);
    }

    void click(final String id)
    {
        text("document.getElementById('" + id + "').click()");
    }

    void await(final BooleanSupplier condition, final Duration timeout, final String what)
    {
        Tests.await(() -> condition.getAsBoolean() || pause(), timeout, () -> what + "; ladder " +
            text("JSON.stringify(" + LADDER + ")") + ", errors " + tab.errors());
    }

    void screenshot(final Path file) throws Exception
    {
        tab.screenshot(file);
    }

    /** Console errors, uncaught exceptions and failed loads so far. */
    List<String> errors()
    {
        return tab.errors();
    }

    /** Closes the tab itself (its page and connections), then the DevTools connection to it. */
    public void close() throws Exception
    {
        try
        {
            tab.send("Page.close", DevTools.params());
        }
        finally
        {
            tab.close();
        }
    }

    private static boolean pause()
    {
        try
        {
            Thread.sleep(POLL_MS);
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
