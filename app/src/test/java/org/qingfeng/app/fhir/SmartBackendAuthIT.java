package org.qingfeng.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qingfeng.app.QingfengApplication;
import org.qingfeng.app.support.FreePorts;
import org.qingfeng.connectors.fhir.SmartBackendAuth;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SMART backend services against a small token endpoint in this test (real HTTP; it verifies the client assertion's
 * RS384 signature with the registered public key and its claims) and the in-JVM FHIR server, which only answers
 * requests that carry the token it issued.
 */
class SmartBackendAuthIT {

    @TempDir
    Path dir;

    KeyPair registered;
    HttpServer tokenEndpoint;
    String tokenUrl;
    final AtomicInteger issued = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();

    @BeforeEach
    void tokenEndpoint() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        registered = g.generateKeyPair();
        tokenEndpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tokenUrl = "http://127.0.0.1:" + tokenEndpoint.getAddress().getPort() + "/token";
        tokenEndpoint.createContext("/token", exchange -> {
            Map<String, String> form =
                    form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String answer;
            int status;
            if (valid(form)) {
                status = 200;
                answer = "{\"access_token\":\"smart-token-" + issued.incrementAndGet()
                        + "\",\"token_type\":\"bearer\",\"expires_in\":300,\"scope\":\"" + form.get("scope") + "\"}";
            } else {
                refused.incrementAndGet();
                status = 401;
                answer = "{\"error\":\"invalid_client\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        tokenEndpoint.start();
    }

    @AfterEach
    void stop() {
        tokenEndpoint.stop(0);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new HashMap<>();
        for (String pair : body.split("&")) {
            int i = pair.indexOf('=');
            m.put(
                    URLDecoder.decode(pair.substring(0, i), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    /** What an authorization server checks of a backend-services token request (SMART App Launch 2.0 §5.1.5). */
    private boolean valid(Map<String, String> form) {
        try {
            if (!"client_credentials".equals(form.get("grant_type"))
                    || !"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                            .equals(form.get("client_assertion_type"))) {
                return false;
            }
            SignedJWT jwt = SignedJWT.parse(form.get("client_assertion"));
            if (!JWSAlgorithm.RS384.equals(jwt.getHeader().getAlgorithm())
                    || !"test-key-1".equals(jwt.getHeader().getKeyID())
                    || !jwt.verify(new RSASSAVerifier((RSAPublicKey) registered.getPublic()))) {
                return false;
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            return "qingfeng-test".equals(c.getIssuer())
                    && "qingfeng-test".equals(c.getSubject())
                    && c.getAudience().contains(tokenUrl)
                    && c.getExpirationTime().after(new Date())
                    && c.getExpirationTime().before(Date.from(Instant.now().plusSeconds(301)))
                    && c.getJWTID() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private Path pem(KeyPair pair) throws IOException {
        Path file = dir.resolve("key-" + System.nanoTime() + ".pem");
        Files.writeString(
                file,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes())
                                .encodeToString(pair.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        return file;
    }

    @Test
    void thePollerGetsATokenOnceAndReadsWithIt() throws Exception {
        try (TestFhirServer server = new TestFhirServer()) {
            server.requiredBearer = "smart-token-1";
            Instant base = Instant.now().minusSeconds(120);
            for (int i = 0; i < 30; i++) {
                server.medicationRequests.put(
                        FhirFixtures.order("s" + i, "SM-" + i, "G-SM-" + i, "Y00061", 7, "P" + i), base.plusSeconds(i));
            }
            try (ConfigurableApplicationContext app = new SpringApplication(QingfengApplication.class)
                    .run(
                            "--spring.datasource.url=jdbc:h2:mem:smart;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                            "--server.port=" + FreePorts.next(),
                            "--qingfeng.ingest.journal-dir=" + dir.resolve("journal"),
                            "--qingfeng.mllp.feeds[0].port=" + FreePorts.next(),
                            "--qingfeng.mllp.feeds[0].bind-address=127.0.0.1",
                            "--qingfeng.fhir.sources[0].id=smart",
                            "--qingfeng.fhir.sources[0].base-url=" + server.baseUrl(),
                            "--qingfeng.fhir.sources[0].page-size=10",
                            "--qingfeng.fhir.sources[0].poll-interval=PT0.3S",
                            "--qingfeng.fhir.sources[0].settle=PT1S",
                            "--qingfeng.fhir.sources[0].auth.type=smart",
                            "--qingfeng.fhir.sources[0].auth.token-url=" + tokenUrl,
                            "--qingfeng.fhir.sources[0].auth.client-id=qingfeng-test",
                            "--qingfeng.fhir.sources[0].auth.key-id=test-key-1",
                            "--qingfeng.fhir.sources[0].auth.private-key=" + pem(registered))) {
                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> jdbc.queryForObject(
                                        "SELECT COUNT(*) FROM inbound_message WHERE feed_id = 'fhir:smart'",
                                        Integer.class)
                                == 30);
                int searches = server.searches.get();
                await().atMost(Duration.ofSeconds(10)).until(() -> server.searches.get() >= searches + 3);
                assertThat(issued.get())
                        .as("one token, kept until it nears expiry")
                        .isEqualTo(1);
                assertThat(refused.get()).isZero();
            }
        }
    }

    @Test
    void anAssertionSignedWithAnotherKeyIsRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        SmartBackendAuth wrong = new SmartBackendAuth(
                tokenUrl,
                "qingfeng-test",
                "test-key-1",
                "system/MedicationRequest.read",
                SmartBackendAuth.readPrivateKey(pem(g.generateKeyPair())),
                Clock.systemUTC());
        assertThatThrownBy(() -> wrong.interceptRequest(null))
                .hasMessageContaining("answered 401")
                .hasMessageContaining("invalid_client");
        assertThat(refused.get()).isEqualTo(1);
        assertThat(issued.get()).isZero();
    }
}
