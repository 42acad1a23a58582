package zvt.crypto.gateway.auth;

import java.util.Set;

/**
 * Who a request comes from, once its credential is verified: an API key's id or a token's subject, and what it may
 * use. Never holds the credential itself.
 *
 * @param name   {@code key:<keyId>} or {@code jwt:<subject>}, so that a key and a subject never share limits.
 * @param access what the credential permits.
 */
public record Principal(String name, Set<Access> access)
{
    static Principal apiKey(final String keyId, final Set<Access> access)
    {
        return new Principal("key:" + keyId, access);
    }

    static Principal token(final String subject, final Set<Access> access)
    {
        return new Principal("jwt:" + subject, access);
    }

    public boolean permits(final Access wanted)
    {
        return access.contains(wanted);
    }
}
