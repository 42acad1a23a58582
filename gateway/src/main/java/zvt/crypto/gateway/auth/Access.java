package zvt.crypto.gateway.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a credential may be used for: the WebSocket stream, the REST API, or both. An API key's entry or a token's
 * {@code scope} claim names them as {@code ws} and {@code rest}; a credential that names none may use both.
 */
public enum Access
{
    WS,
    REST;

    static final Set<Access> ALL = Set.copyOf(EnumSet.allOf(Access.class));

    private final String label = name().toLowerCase(Locale.ROOT);

    /** As a key file or a token's scope spells it: {@code ws} or {@code rest}. */
    public String label()
    {
        return label;
    }

    /** @return the access this label names, or null if it names none. */
    static Access ofLabel(final String label)
    {
        for (final Access access : values())
        {
            if (access.label.equals(label))
            {
                return access;
            }
        }
        return null;
    }
}
