package org.qingfeng.app.deadletter;

import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qingfeng.app.fhir.FhirNotifications;
import org.qingfeng.app.fhir.FhirSources;
import org.qingfeng.app.persistence.DeadLetterRepository;
import org.qingfeng.app.persistence.DeadLetterRepository.DeadLetter;
import org.qingfeng.app.web.ApiException;
import org.qingfeng.config.FhirSource;
import org.qingfeng.config.MllpFeed;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.connectors.hl7.Hl7InboundProcessor;
import org.qingfeng.connectors.hl7.ProcessResult;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/dead-letters}: what was refused and why, and replay after the cause is fixed (e.g. a drug added to
 * the catalog). A replay runs the message through the same acknowledgement policy as a live one.
 */
@RestController
@RequestMapping("/api/v1/dead-letters")
@PreAuthorize("hasRole('IT_ADMIN')")
public class DeadLetterController {

    private final DeadLetterRepository deadLetters;
    private final Hl7InboundProcessor processor;
    private final QingfengProperties properties;
    private final FhirSources fhirSources;
    private final FhirNotifications fhirNotifications;

    public DeadLetterController(
            DeadLetterRepository deadLetters,
            Hl7InboundProcessor processor,
            QingfengProperties properties,
            FhirSources fhirSources,
            FhirNotifications fhirNotifications) {
        this.deadLetters = deadLetters;
        this.processor = processor;
        this.properties = properties;
        this.fhirSources = fhirSources;
        this.fhirNotifications = fhirNotifications;
    }

    @GetMapping
    public Map<String, Object> list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid-parameter", "limit", "limit must be 1-500");
        }
        List<DeadLetter> page = deadLetters.list(status, before, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.stream().map(DeadLetterController::view).toList());
        body.put("next", page.size() == limit ? page.get(page.size() - 1).id() : null);
        return body;
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@PathVariable long id) {
        DeadLetter d = find(id);
        Map<String, Object> view = view(d);
        view.put("raw", new String(d.raw(), Charset.forName(d.charset())));
        return view;
    }

    @PostMapping("/{id}/replay")
    public Map<String, Object> replay(@PathVariable long id) {
        DeadLetter d = find(id);
        if (!"OPEN".equals(d.status())) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "already-replayed",
                    "id",
                    "dead letter " + id + " was already replayed successfully");
        }
        if ("FHIR".equals(d.channel())) {
            return replayFhir(d);
        }
        if ("AUDIT".equals(d.channel())) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "not-replayable",
                    "id",
                    "an unreadable audit-log line is kept for reading; fix the log_line_prefix and it is read right from then on");
        }
        MllpFeed feed = properties.getMllp().getFeeds().stream()
                .filter(f -> f.getId().equals(d.feedId()))
                .findFirst()
                .orElse(properties.getMllp().getFeeds().get(0));
        ProcessResult result = processor.process(feed, d.raw(), id);
        if ("AA".equals(result.ackCode())) {
            deadLetters.markReplayed(id); // accepted now (or found already stored): the dead letter is settled
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("ackCode", result.ackCode());
        body.put("outcome", result.outcome());
        body.put("reason", result.reason());
        body.put("status", find(id).status());
        return body;
    }

    /** A refused FHIR payload runs through the rest-hook path again, as if its source had sent it now. */
    private Map<String, Object> replayFhir(DeadLetter d) {
        String sourceId = d.feedId().substring("fhir:".length());
        FhirSource source = fhirSources
                .find(sourceId)
                .filter(s -> s.getId().equals(sourceId))
                .orElseThrow(() -> new ApiException(
                        HttpStatus.CONFLICT,
                        "source-gone",
                        "id",
                        "the FHIR source '" + sourceId + "' of dead letter " + d.id() + " is no longer configured"));
        FhirNotifications.Answer a = fhirNotifications.handle(source, d.raw(), false, null, null, d.id());
        boolean ok = a.status() == 200;
        if (ok) {
            deadLetters.markReplayed(d.id());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", d.id());
        body.put("httpStatus", a.status());
        body.put("outcome", ok ? (a.stored() > 0 ? "STORED" : "DUPLICATE") : "REFUSED");
        body.put("reason", a.outcome().getIssueFirstRep().getDiagnostics());
        body.put("status", find(d.id()).status());
        return body;
    }

    private DeadLetter find(long id) {
        return deadLetters
                .find(id)
                .orElseThrow(() ->
                        new ApiException(HttpStatus.NOT_FOUND, "dead-letter-not-found", "id", "no dead letter " + id));
    }

    static Map<String, Object> view(DeadLetter d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("channel", d.channel());
        m.put("feed", d.feedId());
        m.put("receivedAt", d.receivedAt().toString());
        m.put("sender", d.sender());
        m.put("controlId", d.controlId());
        m.put("messageType", d.messageType());
        m.put("ackCode", d.ackCode());
        m.put("errorLocation", d.errorLocation());
        m.put("reason", d.reason());
        m.put("status", d.status());
        m.put("attempts", d.attempts());
        m.put("bytes", d.raw().length);
        return m;
    }
}
