package zvt.crypto.gateway.auth;

/**
 * A refused credential or request: which refusal, and for a rate limit how long to wait. Carries no stack trace and
 * no message of its own, so nothing about the credential can leak through it.
 */
final class AuthException extends Exception
{
    private final AuthRefusal refusal;
    private final long retryAfterSeconds;

    AuthException(final AuthRefusal refusal)
    {
        this(refusal, 0);
    }

    AuthException(final AuthRefusal refusal, final long retryAfterSeconds)
    {
        super(refusal.code(), null, false, false);
        this.refusal = refusal;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    AuthRefusal refusal()
    {
        return refusal;
    }

    /** Seconds for a Retry-After header; 0 for none. */
    long retryAfterSeconds()
    {
        return retryAfterSeconds;
    }
}
