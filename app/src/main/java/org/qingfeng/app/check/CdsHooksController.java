package org.qingfeng.app.check;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.qingfeng.app.web.ApiException;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.connectors.fhir.FhirPrescriptionMapper;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.finding.Finding;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A CDS Hooks 2.0 service for the {@code order-sign} hook: the EHR sends the draft MedicationRequests it is about to
 * sign and gets one card per finding. Nothing is stored; the alerts come when the signed order reaches a feed.
 */
@RestController
@RequestMapping("/cds-services")
public class CdsHooksController {

    public static final String SERVICE_ID = "qingfeng-order-sign";
    private static final String RULES_SYSTEM = "urn:qingfeng:rule";

    private final CheckService service;
    private final FhirPrescriptionMapper mapper;
    private final QingfengProperties properties;
    private final JsonMapper json;
    private final IParser fhirJson;

    public CdsHooksController(
            CheckService service,
            FhirPrescriptionMapper mapper,
            QingfengProperties properties,
            JsonMapper json,
            FhirContext fhir) {
        this.service = service;
        this.mapper = mapper;
        this.properties = properties;
        this.json = json;
        // strict: a malformed draft is refused with the reason rather than half-read
        this.fhirJson = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    }

    @GetMapping
    public Map<String, Object> discovery() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("hook", "order-sign");
        s.put("id", SERVICE_ID);
        s.put("title", "清风 处方审核 / Qingfeng prescription check");
        s.put(
                "description",
                "Checks draft MedicationRequests against the prescription rules (处方管理办法, 抗菌药物分级, 特殊管理药品,"
                        + " 重复用药, 适应证, 集采) before they are signed.");
        s.put("usageRequirements", "HTTP Basic credentials of a Qingfeng user");
        return Map.of("services", List.of(s));
    }

    @PostMapping(path = "/" + SERVICE_ID)
    public Map<String, Object> orderSign(@RequestBody String body) {
        JsonNode request = parse(body);
        String hook = text(request, "hook");
        if (!"order-sign".equals(hook)) {
            throw bad("hook", "this service answers the 'order-sign' hook, not '" + hook + "'");
        }
        if (text(request, "hookInstance") == null) {
            throw bad("hookInstance", "'hookInstance' is required");
        }
        JsonNode context = request.path("context");
        if (!context.isObject()) {
            throw bad("context", "'context' is required");
        }
        String userId = text(context, "userId");
        String patientId = text(context, "patientId");
        if (patientId == null) {
            throw bad("context.patientId", "'context.patientId' is required");
        }
        JsonNode draft = context.path("draftOrders");
        if (!draft.isObject()) {
            throw bad("context.draftOrders", "'context.draftOrders' must be a FHIR Bundle");
        }
        Bundle bundle = bundle(draft, "context.draftOrders");
        Map<String, Resource> resources = new LinkedHashMap<>();
        List<MedicationRequest> requests = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Resource r = e.getResource();
            if (r == null) {
                continue;
            }
            if (r instanceof MedicationRequest mr) {
                if (!mr.hasSubject()) {
                    mr.setSubject(new Reference("Patient/" + patientId));
                }
                if (!mr.hasRequester() && userId != null) {
                    mr.setRequester(new Reference(userId));
                }
                requests.add(mr);
            } else {
                resources.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
            }
        }
        request.path("prefetch").forEach(p -> {
            if (p.isObject() && p.has("resourceType")) {
                Resource r = resource(p);
                if (r instanceof Bundle b) {
                    b.getEntry().stream()
                            .map(Bundle.BundleEntryComponent::getResource)
                            .filter(x -> x != null)
                            .forEach(x -> resources.put(
                                    x.fhirType() + "/" + x.getIdElement().getIdPart(), x));
                } else if (r != null) {
                    resources.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
                }
            }
        });
        List<Map<String, Object>> cards = new ArrayList<>();
        if (requests.isEmpty()) {
            return Map.of("cards", cards);
        }
        FhirPrescriptionMapper.Result mapped = mapper.map(
                requests,
                resources,
                properties.getCheck().getFacility(),
                properties.getCheck().getPatientIdAuthority());
        for (FhirPrescriptionMapper.Problem p : mapped.problems()) {
            cards.add(card(
                    "无法审核：" + p.reason() + " / cannot check", "warning", "`" + p.element() + "`: " + p.reason(), null));
        }
        for (Prescription rx : mapped.prescriptions()) {
            for (Finding f : service.check(rx)) {
                cards.add(card(f.title(), indicator(f), detail(f), f.rule()));
            }
        }
        return Map.of("cards", cards);
    }

    private Map<String, Object> card(String summary, String indicator, String detail, String rule) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("uuid", UUID.randomUUID().toString());
        card.put("summary", summary.length() > 140 ? summary.substring(0, 139) + "…" : summary);
        card.put("indicator", indicator);
        card.put("detail", detail);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("label", "清风 Qingfeng");
        if (rule != null) {
            source.put("topic", Map.of("system", RULES_SYSTEM, "code", rule, "display", rule));
        }
        card.put("source", source);
        if (rule != null) {
            card.put(
                    "overrideReasons",
                    List.of(Map.of(
                            "system", RULES_SYSTEM, "code", "JUST", "display", "有正当理由（请在医嘱备注 JUST 说明） / justified")));
        }
        return card;
    }

    private static String indicator(Finding f) {
        return switch (f.severity()) {
            case HIGH -> "critical";
            case MEDIUM -> "warning";
            case LOW -> "info";
        };
    }

    private String detail(Finding f) {
        StringBuilder md = new StringBuilder();
        md.append("**").append(f.rule()).append("**");
        if (f.evidence().containsKey("limit")) {
            md.append(" — 限值 / limit: `")
                    .append(json.writeValueAsString(f.evidence().get("limit")))
                    .append('`');
        }
        if (f.evidence().containsKey("actual")) {
            md.append("，实际 / actual: `")
                    .append(json.writeValueAsString(f.evidence().get("actual")))
                    .append('`');
        }
        Object lines = f.evidence().get("lines");
        if (lines instanceof List<?> list) {
            for (Object l : list) {
                if (l instanceof Map<?, ?> m) {
                    md.append("\n- ").append(m.get("itemCode")).append(' ').append(m.get("itemName"));
                }
            }
        }
        if (f.justified()) {
            md.append("\n\n已注明正当理由 / justification given.");
        }
        return md.toString();
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw bad("body", "the request body is empty; expected a CDS Hooks request (JSON)");
        }
        try {
            JsonNode node = json.readTree(body);
            if (!node.isObject()) {
                throw bad("body", "expected a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw bad("body", "the request is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private Bundle bundle(JsonNode node, String field) {
        Resource r = resource(node);
        if (!(r instanceof Bundle b)) {
            throw bad(field, "expected a Bundle, got " + (r == null ? "nothing" : r.fhirType()));
        }
        return b;
    }

    private Resource resource(JsonNode node) {
        try {
            return (Resource) fhirJson.parseResource(json.writeValueAsString(node));
        } catch (DataFormatException e) {
            throw bad("context.draftOrders", "not a valid FHIR R4 resource: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asString().isBlank() ? null : v.asString();
    }

    private static ApiException bad(String field, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid-hook-request", field, detail);
    }
}
