package org.qingfeng.app.fhir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.qingfeng.config.FhirSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rest-hook receiver (interfaces.md §2): {@code POST /fhir/r4/notify} for notifications (empty ping, Bundle or
 * single resource) and {@code PUT /fhir/r4/notify/{type}/{id}} for classic R4 rest-hooks with the full resource. The
 * FHIR server authenticates with the source's shared secret, not with a user.
 */
@RestController
@RequestMapping("/fhir/r4/notify")
public class FhirNotifyController {

    private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

    private final FhirNotifications notifications;
    private final FhirSources sources;

    public FhirNotifyController(FhirNotifications notifications, FhirSources sources) {
        this.notifications = notifications;
        this.sources = sources;
    }

    @PostMapping
    public ResponseEntity<String> notify(
            @RequestBody(required = false) byte[] body,
            @RequestParam(required = false) String source,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(value = "X-Qingfeng-Notify-Secret", required = false) String secret,
            Authentication user) {
        return handle(body, source, contentType, authorization, secret, user, null, null);
    }

    @PutMapping("/{type}/{id}")
    public ResponseEntity<String> put(
            @PathVariable String type,
            @PathVariable String id,
            @RequestBody(required = false) byte[] body,
            @RequestParam(required = false) String source,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(value = "X-Qingfeng-Notify-Secret", required = false) String secret,
            Authentication user) {
        return handle(body, source, contentType, authorization, secret, user, type, id);
    }

    private ResponseEntity<String> handle(
            byte[] body,
            String sourceId,
            String contentType,
            String authorization,
            String secret,
            Authentication user,
            String type,
            String id) {
        FhirSource source = sources.find(sourceId).orElse(null);
        if (source == null) {
            return answer(
                    404,
                    FhirNotifications.outcome(
                            OperationOutcome.IssueSeverity.ERROR,
                            "not-found",
                            null,
                            "no FHIR source '" + sourceId + "' is configured"));
        }
        if (!authorized(source, authorization, secret, user)) {
            return answer(
                    401,
                    FhirNotifications.outcome(
                            OperationOutcome.IssueSeverity.ERROR,
                            "login",
                            null,
                            "notifications must carry the source's shared secret (Authorization: Bearer … or"
                                    + " X-Qingfeng-Notify-Secret); a source without one takes them only from an"
                                    + " IT_ADMIN user"));
        }
        boolean xml = contentType != null && contentType.contains("xml");
        FhirNotifications.Answer a =
                notifications.handle(source, body == null ? new byte[0] : body, xml, type, id, null);
        return answer(a.status(), a.outcome());
    }

    /**
     * The source's shared secret; a source without one (e.g. the implicit {@code default}) takes notifications only
     * from an authenticated IT_ADMIN user, so that the receiver is never an open door for writing prescriptions.
     */
    private static boolean authorized(FhirSource source, String authorization, String secret, Authentication user) {
        String expected = source.getNotifySecret();
        if (expected == null || expected.isBlank()) {
            return user != null
                    && user.isAuthenticated()
                    && user.getAuthorities().stream()
                            .anyMatch(a -> a.getAuthority().equals("ROLE_IT_ADMIN"));
        }
        String presented = secret != null
                ? secret
                : authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        return presented != null
                && MessageDigest.isEqual(
                        presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private ResponseEntity<String> answer(int status, OperationOutcome oo) {
        return ResponseEntity.status(status).contentType(FHIR_JSON).body(notifications.encode(oo));
    }
}
