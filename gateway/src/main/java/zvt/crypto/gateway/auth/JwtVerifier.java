package zvt.crypto.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;

import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies JWT bearer tokens (nimbus-jose-jwt does the parsing and the signature): only the algorithms configured
 * with a key are accepted, each with its own key, so {@code alg:none}, an HS256 token signed with the RS256 public key
 * as its secret, or an HS384 token are all refused. Then {@code exp} (required), {@code nbf} (if present), {@code aud}
 * (must contain the configured audience), {@code iss} (if configured) and {@code sub} (required: it names the
 * principal), within the configured clock skew. A {@code scope} claim (space-separated) that names {@code ws} or
 * {@code rest} limits the token to those.
 * <p>
 * Immutable and thread-safe.
 */
final class JwtVerifier
{
    private final Map<JWSAlgorithm, JWSVerifier> verifiers = new HashMap<>();
    private final String audience;
    private final String issuer;
    private final long clockSkewMs;

    /**
     * @param hs256Secret    the shared secret for HS256, at least 32 bytes; null: HS256 is not accepted.
     * @param rs256PublicKey the issuer's public key for RS256; null: RS256 is not accepted.
     * @param issuer         the only accepted {@code iss}; null: any.
     * @throws IllegalArgumentException if the secret is shorter than 256 bits.
     */
    JwtVerifier(
        final byte[] hs256Secret,
        final RSAPublicKey rs256PublicKey,
        final String audience,
        final String issuer,
        final long clockSkewMs)
    {
        try
        {
            if (hs256Secret != null)
            {
                verifiers.put(JWSAlgorithm.HS256, new MACVerifier(hs256Secret));
            }
        }
        catch (final JOSEException ex)
        {
            throw new IllegalArgumentException("the HS256 secret must be at least 32 bytes (256 bits)");
        }
        if (rs256PublicKey != null)
        {
            verifiers.put(JWSAlgorithm.RS256, new RSASSAVerifier(rs256PublicKey));
        }
        this.audience = audience;
        this.issuer = issuer;
        this.clockSkewMs = clockSkewMs;
    }

    boolean enabled()
    {
        return !verifiers.isEmpty();
    }

    Principal verify(final String token, final long nowMs) throws AuthException
    {
        final JWTClaimsSet claims = verifiedClaims(token);
        final Date expires = claims.getExpirationTime();
        final String subject = claims.getSubject();
        if (expires == null || subject == null || subject.isBlank())
        {
            throw new AuthException(AuthRefusal.TOKEN_CLAIM_MISSING);
        }
        if (nowMs - clockSkewMs >= expires.getTime())
        {
            throw new AuthException(AuthRefusal.TOKEN_EXPIRED);
        }
        final Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && nowMs + clockSkewMs < notBefore.getTime())
        {
            throw new AuthException(AuthRefusal.TOKEN_NOT_YET_VALID);
        }
        final List<String> audiences = claims.getAudience();
        if (!audiences.contains(audience))
        {
            throw new AuthException(AuthRefusal.TOKEN_AUDIENCE_REFUSED);
        }
        if (issuer != null && !issuer.equals(claims.getIssuer()))
        {
            throw new AuthException(AuthRefusal.TOKEN_ISSUER_REFUSED);
        }
        return Principal.token(subject, access(claims));
    }

    private JWTClaimsSet verifiedClaims(final String token) throws AuthException
    {
        final JWT jwt;
        try
        {
            jwt = JWTParser.parse(token);
        }
        catch (final ParseException ex)
        {
            throw new AuthException(AuthRefusal.MALFORMED_TOKEN);
        }
        // An unsecured (alg none) or encrypted token is not a SignedJWT.
        if (!(jwt instanceof SignedJWT signed))
        {
            throw new AuthException(AuthRefusal.TOKEN_ALGORITHM_REFUSED);
        }
        final JWSVerifier verifier = verifiers.get(signed.getHeader().getAlgorithm());
        if (verifier == null)
        {
            throw new AuthException(AuthRefusal.TOKEN_ALGORITHM_REFUSED);
        }
        try
        {
            if (!signed.verify(verifier))
            {
                throw new AuthException(AuthRefusal.TOKEN_SIGNATURE_INVALID);
            }
            return signed.getJWTClaimsSet();
        }
        catch (final JOSEException ex)
        {
            throw new AuthException(AuthRefusal.TOKEN_SIGNATURE_INVALID);
        }
        catch (final ParseException ex)
        {
            throw new AuthException(AuthRefusal.MALFORMED_TOKEN);
        }
    }

    private static Set<Access> access(final JWTClaimsSet claims) throws AuthException
    {
        final String scope;
        try
        {
            scope = claims.getStringClaim("scope");
        }
        catch (final ParseException ex)
        {
            throw new AuthException(AuthRefusal.MALFORMED_TOKEN);
        }
        final EnumSet<Access> access = EnumSet.noneOf(Access.class);
        if (scope != null)
        {
            for (final String label : scope.trim().split("\\s+"))
            {
                final Access named = Access.ofLabel(label);
                if (named != null)
                {
                    access.add(named);
                }
            }
        }
        // A scope that names neither (e.g. an identity provider's "openid") says nothing about this gateway.
        return access.isEmpty() ? Access.ALL : Set.copyOf(access);
    }
}
