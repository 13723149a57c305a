package org.qingfeng.app.fhir;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qingfeng.app.persistence.SettingsRepository;
import org.qingfeng.app.web.ApiException;
import org.qingfeng.config.FhirSource;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.connectors.fhir.SubscriptionManager;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * For hospital IT: the FHIR sources with their polling state, and the R4 Subscriptions Qingfeng creates on a
 * source's server (rest-hook to {@code qingfeng.fhir.notify-url}, with the source's shared secret).
 */
@RestController
@RequestMapping("/api/v1/fhir/sources")
@PreAuthorize("hasRole('IT_ADMIN')")
public class FhirAdminController {

    private final FhirSources sources;
    private final FhirPolling polling;
    private final SettingsRepository settings;
    private final QingfengProperties properties;

    public FhirAdminController(
            FhirSources sources, FhirPolling polling, SettingsRepository settings, QingfengProperties properties) {
        this.sources = sources;
        this.polling = polling;
        this.settings = settings;
        this.properties = properties;
    }

    public record SubscriptionRequest(String endpoint) {}

    @GetMapping
    public List<Map<String, Object>> list() {
        return sources.all().stream()
                .map(s -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", s.getId());
                    m.put("baseUrl", s.getBaseUrl());
                    m.put("polled", sources.pollers().containsKey(s.getId()));
                    m.put("pollInterval", s.getPollInterval().toString());
                    m.put("auth", s.getAuth().getType());
                    m.put("lastSuccessfulPoll", polling.lastSuccess().get(s.getId()));
                    Map<String, Object> marks = new LinkedHashMap<>();
                    s.getResourceTypes()
                            .forEach(t -> marks.put(
                                    t,
                                    settings.get("fhir-hwm:" + s.getId() + ":" + t)
                                            .orElse(null)));
                    m.put("highWaterMarks", marks);
                    return m;
                })
                .toList();
    }

    @PostMapping("/{id}/subscriptions")
    public List<SubscriptionManager.Status> subscribe(
            @PathVariable String id, @RequestBody(required = false) SubscriptionRequest request) {
        FhirSource source = source(id);
        String endpoint = endpoint(source, request == null ? null : request.endpoint());
        try {
            return SubscriptionManager.create(
                    client(source), endpoint, source.getNotifySecret(), source.getResourceTypes());
        } catch (BaseServerResponseException e) {
            throw new ApiException(
                    HttpStatus.BAD_GATEWAY,
                    "source-refused",
                    "id",
                    "the FHIR server of " + id + " refused the Subscription: HTTP " + e.getStatusCode() + " "
                            + e.getMessage());
        }
    }

    @GetMapping("/{id}/subscriptions")
    public List<SubscriptionManager.Status> subscriptions(
            @PathVariable String id, @RequestParam(required = false) String endpoint) {
        FhirSource source = source(id);
        return SubscriptionManager.status(client(source), endpoint(source, endpoint));
    }

    private FhirSource source(String id) {
        return sources.all().stream()
                .filter(s -> s.getId().equals(id))
                .findFirst()
                .orElseThrow(
                        () -> new ApiException(HttpStatus.NOT_FOUND, "source-not-found", "id", "no FHIR source " + id));
    }

    private IGenericClient client(FhirSource source) {
        return sources.client(source.getId())
                .orElseThrow(() -> new ApiException(
                        HttpStatus.CONFLICT,
                        "no-base-url",
                        "id",
                        "source " + source.getId() + " has no base-url: Qingfeng cannot reach its server"));
    }

    /** Where the source's server should deliver: the given URL, else qingfeng.fhir.notify-url, with ?source=. */
    private String endpoint(FhirSource source, String given) {
        String base =
                given != null && !given.isBlank() ? given : properties.getFhir().getNotifyUrl();
        if (base == null || base.isBlank()) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "missing-field",
                    "endpoint",
                    "give 'endpoint' (the URL of /fhir/r4/notify as the FHIR server reaches it) or set qingfeng.fhir.notify-url");
        }
        return base.contains("?") ? base : base + "?source=" + source.getId();
    }
}
