package zvt.crypto.gateway.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.netty.handler.codec.http.QueryStringDecoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.NormalizedSymbol;

/**
 * A matched request: its path variables and query parameters, read with checks that answer 400 with what was wrong
 * and what is accepted.
 */
final class RestRequest
{
    private final Map<String, String> pathVariables;
    private final Map<String, List<String>> query;

    RestRequest(final Map<String, String> pathVariables, final QueryStringDecoder query)
    {
        this.pathVariables = pathVariables;
        this.query = query.parameters();
    }

    /** A query parameter, or null when absent. */
    String param(final String name)
    {
        final List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    Venue venue() throws RestException
    {
        final String text = pathVariables.get("venue").toUpperCase(Locale.ROOT);
        for (final Venue venue : Venue.values())
        {
            if (venue != Venue.NULL_VAL && venue.name().equals(text))
            {
                return venue;
            }
        }
        throw RestException.badRequest("unknown venue " + pathVariables.get("venue") +
            " (BINANCE, OKX, BYBIT, COINBASE)");
    }

    NormalizedSymbol symbol() throws RestException
    {
        try
        {
            return NormalizedSymbol.parse(pathVariables.get("symbol").toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw RestException.badRequest(ex.getMessage());
        }
    }

    /** An integer parameter in [min, max], or the default when absent. */
    int intParam(final String name, final int defaultValue, final int min, final int max) throws RestException
    {
        final String text = param(name);
        if (text == null)
        {
            return defaultValue;
        }
        try
        {
            final int value = Integer.parseInt(text);
            if (value >= min && value <= max)
            {
                return value;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // answered below
        }
        throw RestException.badRequest(name + " must be an integer from " + min + " to " + max + ": " + text);
    }

    /** A time parameter, ISO-8601 ({@code 2026-01-01T00:00:00Z}) or epoch milliseconds, or null when absent. */
    Instant timeParam(final String name) throws RestException
    {
        final String text = param(name);
        if (text == null)
        {
            return null;
        }
        try
        {
            return text.chars().allMatch(Character::isDigit) ?
                Instant.ofEpochMilli(Long.parseLong(text)) : Instant.parse(text);
        }
        catch (final DateTimeParseException | NumberFormatException ex)
        {
            throw RestException.badRequest(name + " must be ISO-8601 (2026-01-01T00:00:00Z) or epoch milliseconds: " +
                text);
        }
    }
}
