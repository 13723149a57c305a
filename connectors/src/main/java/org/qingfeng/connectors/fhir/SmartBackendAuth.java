package org.qingfeng.connectors.fhir;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * SMART App Launch backend services (client credentials with a signed JWT assertion, RS384): asks the token endpoint
 * for an access token, keeps it until shortly before it expires, and puts it on every request to the FHIR source.
 */
public final class SmartBackendAuth implements IClientInterceptor {

    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofSeconds(30);

    private final URI tokenUrl;
    private final String clientId;
    private final String keyId;
    private final String scope;
    private final RSAPrivateKey key;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Clock clock;
    private String token;
    private Instant expiresAt = Instant.MIN;

    public SmartBackendAuth(
            String tokenUrl, String clientId, String keyId, String scope, RSAPrivateKey key, Clock clock) {
        this.tokenUrl = URI.create(tokenUrl);
        this.clientId = clientId;
        this.keyId = keyId;
        this.scope = scope;
        this.key = key;
        this.clock = clock;
    }

    /** Reads an unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY") RSA key. */
    public static RSAPrivateKey readPrivateKey(Path pem) throws IOException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII)
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(pem + " is not an unencrypted PKCS#8 RSA private key", e);
        }
    }

    @Override
    public void interceptRequest(IHttpRequest request) {
        request.addHeader("Authorization", "Bearer " + token());
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
        if (response.getStatus() == 401) {
            synchronized (this) {
                expiresAt = Instant.MIN; // the server no longer takes the token: fetch a new one next time
            }
        }
    }

    synchronized String token() {
        Instant now = clock.instant();
        if (token != null && now.isBefore(expiresAt.minus(REFRESH_BEFORE_EXPIRY))) {
            return token;
        }
        try {
            String body = form(Map.of(
                    "grant_type",
                    "client_credentials",
                    "scope",
                    scope,
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                    "client_assertion",
                    assertion(now)));
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(tokenUrl)
                            .timeout(Duration.ofSeconds(20))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(
                        "the token endpoint " + tokenUrl + " answered " + r.statusCode() + ": " + r.body());
            }
            Map<String, Object> answer = JSONObjectUtils.parse(r.body());
            Object accessToken = answer.get("access_token");
            if (!(accessToken instanceof String t) || t.isBlank()) {
                throw new IllegalStateException("the token endpoint " + tokenUrl + " gave no access_token");
            }
            long expiresIn = answer.get("expires_in") instanceof Number n ? n.longValue() : 300;
            token = t;
            expiresAt = now.plusSeconds(expiresIn);
            return token;
        } catch (IOException | java.text.ParseException | JOSEException e) {
            throw new IllegalStateException("getting a SMART backend-services token from " + tokenUrl + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while getting a token", e);
        }
    }

    private String assertion(Instant now) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(tokenUrl.toString())
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        JWSHeader header =
                new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(keyId).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String form(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> {
            if (!b.isEmpty()) {
                b.append('&');
            }
            b.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return b.toString();
    }
}
