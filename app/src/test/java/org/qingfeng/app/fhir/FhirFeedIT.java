package org.qingfeng.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qingfeng.app.QingfengApplication;
import org.qingfeng.app.support.FreePorts;
import org.qingfeng.app.support.Hl7Messages;
import org.qingfeng.app.support.MllpTestClient;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The FHIR R4 feed against a HAPI RestfulServer in this JVM: the poller pages through it (and survives a restart), the
 * rest-hook receiver takes notifications, and the orders reach the same rules and alerts as HL7 orders.
 */
class FhirFeedIT {

    static final String SECRET = "hook-secret-0123";

    @TempDir
    Path dir;

    TestFhirServer server;
    int http;
    int mllp;
    final HttpClient httpClient = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void start() throws Exception {
        server = new TestFhirServer();
        http = FreePorts.next();
        mllp = FreePorts.next();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    ConfigurableApplicationContext app(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("qingfeng")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "--server.port=" + http,
                "--QINGFENG_ADMIN_PASSWORD=admin-test-password",
                "--qingfeng.ingest.journal-dir=" + dir.resolve("journal"),
                "--qingfeng.mllp.feeds[0].port=" + mllp,
                "--qingfeng.mllp.feeds[0].bind-address=127.0.0.1",
                "--qingfeng.fhir.sources[0].id=his",
                "--qingfeng.fhir.sources[0].base-url=" + server.baseUrl(),
                "--qingfeng.fhir.sources[0].page-size=25",
                "--qingfeng.fhir.sources[0].poll-interval=PT0.5S",
                "--qingfeng.fhir.sources[0].settle=PT1S",
                "--qingfeng.fhir.sources[0].overlap=PT2S",
                "--qingfeng.fhir.sources[0].notify-secret=" + SECRET));
        for (String e : extra) { // an extra argument replaces the default of the same key
            String key = e.substring(0, e.indexOf('=') + 1);
            args.removeIf(a -> a.startsWith(key));
            args.add(e);
        }
        return new SpringApplication(QingfengApplication.class).run(args.toArray(String[]::new));
    }

    static int count(ConfigurableApplicationContext app, String sql, Object... args) {
        Integer n = app.getBean(JdbcTemplate.class).queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }

    @Test
    void thePollerPagesThroughEverythingSurvivesARestartAndFollowsUpdates() throws Exception {
        Instant base = Instant.now().minusSeconds(600);
        for (int i = 0; i < 260; i++) {
            server.medicationRequests.put(
                    FhirFixtures.order("mr" + i, "PL-" + i, "G-" + i, "Y00061", 7, "P" + i), base.plusMillis(i * 100L));
        }
        server.delayMillisPerPage = 250;
        String messages = "SELECT COUNT(*) FROM inbound_message WHERE feed_id = 'fhir:his'";
        try (ConfigurableApplicationContext app = app()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> count(app, messages) >= 50);
        } // stopped mid-way: some pages stored, the rest not yet asked for
        server.delayMillisPerPage = 0;
        try (ConfigurableApplicationContext app = app()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> count(app, messages) == 260);
            assertThat(count(app, "SELECT COUNT(DISTINCT control_id) FROM inbound_message WHERE feed_id = 'fhir:his'"))
                    .isEqualTo(260);
            assertThat(count(app, "SELECT COUNT(*) FROM rx_line WHERE placer_order_no LIKE 'PL-%'"))
                    .isEqualTo(260);
            assertThat(server.searches.get()).as("several pages were asked for").isGreaterThan(10);

            // one order updated twice: a new quantity, then stopped
            MedicationRequest v2 = server.medicationRequests.current("mr5").copy();
            v2.getDispenseRequest().getQuantity().setValue(14);
            server.medicationRequests.put(v2, Instant.now());
            MedicationRequest v3 = server.medicationRequests.current("mr5").copy();
            v3.setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);
            server.medicationRequests.put(v3, Instant.now());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> count(
                                    app,
                                    "SELECT COUNT(*) FROM inbound_message WHERE control_id = ?",
                                    "MedicationRequest/mr5/_history/3")
                            == 1);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "DISCONTINUED"
                            .equals(app.getBean(JdbcTemplate.class)
                                    .queryForObject(
                                            "SELECT status FROM rx_line WHERE placer_order_no = 'PL-5'",
                                            String.class)));
            assertThat(count(app, "SELECT COUNT(*) FROM rx_line WHERE placer_order_no = 'PL-5'"))
                    .isEqualTo(1);
            assertThat(count(app, messages)).isBetween(261, 262); // version 3, and version 2 if a poll fell between
        }
    }

    private HttpResponse<String> post(String body, String secret) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + http + "/fhir/r4/notify?source=his"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            b.header("Authorization", "Bearer " + secret);
        }
        return httpClient.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void restHookNotifications() throws Exception {
        var parser = server.fhir.newJsonParser();
        try (ConfigurableApplicationContext app = app("--qingfeng.fhir.sources[0].poll-interval=PT0S")) {
            // heartbeat
            HttpResponse<String> ping = post("", SECRET);
            assertThat(ping.statusCode()).isEqualTo(200);
            assertThat(post("", null).statusCode())
                    .as("the shared secret is required")
                    .isEqualTo(401);

            // full-resource notification bundle, with a supply-days violation (30 days outpatient)
            Bundle full = new Bundle().setType(Bundle.BundleType.HISTORY);
            full.addEntry()
                    .setResource(server.medicationRequests.put(
                            FhirFixtures.order("hook1", "HK-1", "RX-HK-1", "Y00061", 30, "PH1"), Instant.now()));
            HttpResponse<String> stored = post(parser.encodeResourceToString(full), SECRET);
            assertThat(stored.statusCode()).isEqualTo(200);
            assertThat(stored.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).contains("fhir+json"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> count(
                                    app,
                                    "SELECT COUNT(*) FROM alert WHERE scope = 'RX:QF-HOSP:RX-HK-1'"
                                            + " AND rule_code = 'RX_SUPPLY_DAYS_EXCEEDED'")
                            == 1);
            JsonNode alert = json.readTree(app.getBean(JdbcTemplate.class)
                    .queryForObject(
                            "SELECT evidence FROM alert WHERE scope = 'RX:QF-HOSP:RX-HK-1'"
                                    + " AND rule_code = 'RX_SUPPLY_DAYS_EXCEEDED'",
                            String.class));
            assertThat(alert.path("actual").decimalValue()).isEqualByComparingTo("30");
            assertThat(alert.path("limit").asInt()).isEqualTo(7);
            assertThat(alert.path("lines").get(0).path("placerOrderNo").asString())
                    .isEqualTo("HK-1");
            // delivered again: not stored twice
            assertThat(post(parser.encodeResourceToString(full), SECRET).statusCode())
                    .isEqualTo(200);
            assertThat(count(
                            app,
                            "SELECT COUNT(*) FROM inbound_message WHERE control_id = ?",
                            "MedicationRequest/hook1/_history/1"))
                    .isEqualTo(1);

            // id-only notification: Qingfeng reads the resource, and the prescriber it refers to, from the source
            Practitioner doctor = new Practitioner();
            doctor.setId("pr-9");
            doctor.addIdentifier(new Identifier().setSystem("urn:his").setValue("D0002"));
            server.practitioners.byId.put("pr-9", doctor);
            MedicationRequest byRef = FhirFixtures.order("hook2", "HK-2", "RX-HK-2", "Y00061", 7, "PH2");
            byRef.setRequester(new Reference("Practitioner/pr-9"));
            server.medicationRequests.put(byRef, Instant.now());
            Bundle idOnly = new Bundle().setType(Bundle.BundleType.HISTORY);
            idOnly.addEntry().setFullUrl(server.baseUrl() + "/MedicationRequest/hook2/_history/1");
            assertThat(post(parser.encodeResourceToString(idOnly), SECRET).statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> count(
                                    app,
                                    "SELECT COUNT(*) FROM rx_line WHERE placer_order_no = 'HK-2' AND prescriber_id = 'D0002'")
                            == 1);

            // classic rest-hook PUT, by HAPI's own client
            server.fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
            IGenericClient client = server.fhir.newRestfulGenericClient("http://127.0.0.1:" + http + "/fhir/r4/notify");
            client.registerInterceptor(new BearerTokenAuthInterceptor(SECRET));
            MedicationRequest put = server.medicationRequests.put(
                    FhirFixtures.order("hook3", "HK-3", "RX-HK-3", "Y00064", 7, "PH3"), Instant.now());
            MethodOutcome outcome = client.update().resource(put).execute();
            assertThat(((OperationOutcome) outcome.getOperationOutcome())
                            .getIssueFirstRep()
                            .getDiagnostics())
                    .contains("1 stored");

            // malformed JSON: 400 with an OperationOutcome, kept as a dead letter
            HttpResponse<String> malformed = post("{\"resourceType\":\"Bundle\",\"entry\":[", SECRET);
            assertThat(malformed.statusCode()).isEqualTo(400);
            OperationOutcome oo = parser.parseResource(OperationOutcome.class, malformed.body());
            assertThat(oo.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(oo.getIssueFirstRep().getDiagnostics())
                    .contains("not a FHIR R4 resource")
                    .contains("dead letter");

            // a resource of the wrong type
            Patient patient = new Patient();
            patient.setId("p1");
            HttpResponse<String> wrong = post(parser.encodeResourceToString(patient), SECRET);
            assertThat(wrong.statusCode()).isEqualTo(422);
            assertThat(parser.parseResource(OperationOutcome.class, wrong.body())
                            .getIssueFirstRep()
                            .getExpression()
                            .get(0)
                            .getValue())
                    .isEqualTo("Patient");

            // an order of a drug the catalog does not know: 422 naming the element; replayable once it is known
            Bundle unknown = new Bundle().setType(Bundle.BundleType.HISTORY);
            unknown.addEntry()
                    .setResource(server.medicationRequests.put(
                            FhirFixtures.order("hook4", "HK-4", "RX-HK-4", "NOT-IN-CATALOG", 7, "PH4"), Instant.now()));
            HttpResponse<String> refused = post(parser.encodeResourceToString(unknown), SECRET);
            assertThat(refused.statusCode()).isEqualTo(422);
            OperationOutcome why = parser.parseResource(OperationOutcome.class, refused.body());
            assertThat(why.getIssue())
                    .anySatisfy(i -> assertThat(i.getExpression())
                            .extracting(e -> e.getValue())
                            .containsExactly("MedicationRequest.medication[x]"));
            assertThat(count(app, "SELECT COUNT(*) FROM dead_letter WHERE channel = 'FHIR'"))
                    .isEqualTo(3);
            long deadLetter = app.getBean(JdbcTemplate.class)
                    .queryForObject(
                            "SELECT id FROM dead_letter WHERE channel = 'FHIR' AND control_id = 'MedicationRequest/hook4'",
                            Long.class);
            HttpResponse<String> replay = httpClient.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + http + "/api/v1/dead-letters/" + deadLetter + "/replay"))
                            .header(
                                    "Authorization",
                                    "Basic "
                                            + java.util.Base64.getEncoder()
                                                    .encodeToString("admin:admin-test-password".getBytes()))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(replay.statusCode()).isEqualTo(200);
            assertThat(json.readTree(replay.body()).path("status").asString())
                    .as("still unknown: the dead letter stays open")
                    .isEqualTo("OPEN");
        }
    }

    @Test
    void theSameOrderByHl7AndByFhirIsOneOrderWithOneAlert() throws Exception {
        try (ConfigurableApplicationContext app = app("--qingfeng.fhir.sources[0].poll-interval=PT0S")) {
            String id = Hl7Messages.controlId();
            // RDE^O11: placer ORC-2 = <id>-1, prescription ORC-4 = RX<id>, 14 days of amlodipine
            assertThat(MllpTestClient.ackCode(MllpTestClient.send(mllp, Hl7Messages.longRde(id))))
                    .isEqualTo("AA");
            MedicationRequest same = FhirFixtures.order("same-" + id, id + "-1", "RX" + id, "Y00061", 14, "MRN" + id);
            Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY);
            bundle.addEntry().setResource(server.medicationRequests.put(same, Instant.now()));
            assertThat(post(server.fhir.newJsonParser().encodeResourceToString(bundle), SECRET)
                            .statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> count(
                                    app,
                                    "SELECT COUNT(*) FROM inbound_message WHERE control_id IN (?, ?)",
                                    id,
                                    "MedicationRequest/same-" + id + "/_history/1")
                            == 2);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> count(app, "SELECT COUNT(*) FROM alert WHERE scope = ?", "RX:QF-HOSP:RX" + id) >= 1);
            // both messages evaluated (the rules ran on the HL7 order and on the FHIR one)
            long last = app.getBean(JdbcTemplate.class)
                    .queryForObject(
                            "SELECT MAX(id) FROM inbound_message WHERE control_id IN (?, ?)",
                            Long.class,
                            id,
                            "MedicationRequest/same-" + id + "/_history/1");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> app.getBean(org.qingfeng.app.persistence.InboundMessageRepository.class)
                                    .evaluatedThrough()
                            >= last);
            assertThat(count(app, "SELECT COUNT(*) FROM rx_line WHERE placer_order_no = ?", id + "-1"))
                    .isEqualTo(1);
            assertThat(count(
                            app,
                            "SELECT COUNT(*) FROM alert WHERE scope = ? AND rule_code = 'RX_SUPPLY_DAYS_EXCEEDED'",
                            "RX:QF-HOSP:RX" + id))
                    .isEqualTo(1);
        }
    }

    @Test
    void subscriptionsAreCreatedOnTheSourceAndReported() throws Exception {
        try (ConfigurableApplicationContext app = app(
                "--qingfeng.fhir.sources[0].poll-interval=PT0S",
                "--qingfeng.fhir.notify-url=https://qingfeng.hospital.example/fhir/r4/notify")) {
            String auth =
                    "Basic " + java.util.Base64.getEncoder().encodeToString("admin:admin-test-password".getBytes());
            HttpResponse<String> created = httpClient.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + http + "/api/v1/fhir/sources/his/subscriptions"))
                            .header("Authorization", auth)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(200);
            org.hl7.fhir.r4.model.Subscription onServer =
                    server.subscriptions.byId.values().iterator().next();
            assertThat(onServer.getCriteria()).isEqualTo("MedicationRequest?");
            assertThat(onServer.getChannel().getType())
                    .isEqualTo(org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType.RESTHOOK);
            assertThat(onServer.getChannel().getEndpoint())
                    .isEqualTo("https://qingfeng.hospital.example/fhir/r4/notify?source=his");
            assertThat(onServer.getChannel().getHeader())
                    .extracting(h -> h.getValue())
                    .containsExactly("Authorization: Bearer " + SECRET);
            JsonNode status = json.readTree(httpClient
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + http + "/api/v1/fhir/sources/his/subscriptions"))
                                    .header("Authorization", auth)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThat(status.get(0).path("status").asString()).isEqualTo("requested");
            JsonNode sources = json.readTree(httpClient
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/v1/fhir/sources"))
                                    .header("Authorization", auth)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThat(sources.get(0).path("id").asString()).isEqualTo("his");
            assertThat(sources.get(0).path("polled").asBoolean()).isTrue();
        }
    }

    @Test
    void anAuditEventWithAStatisticsQueryIsCheckedLikeADatabaseLog() throws Exception {
        try (ConfigurableApplicationContext app = app("--qingfeng.fhir.sources[0].poll-interval=PT0S")) {
            org.hl7.fhir.r4.model.AuditEvent audit = new org.hl7.fhir.r4.model.AuditEvent();
            audit.setId("ae1");
            audit.setRecorded(java.util.Date.from(Instant.parse("2026-11-24T02:00:00Z")));
            audit.addAgent()
                    .setRequestor(true)
                    .setWho(new Reference().setIdentifier(new Identifier().setValue("D0002")))
                    .setNetwork(new org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkComponent()
                            .setAddress("10.1.5.5"));
            audit.addEntity()
                    .setQuery("SELECT doctor_id, SUM(qty) FROM prescription_line GROUP BY doctor_id"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            HttpResponse<String> r = post(server.fhir.newJsonParser().encodeResourceToString(audit), SECRET);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("1 AuditEvents checked");
            assertThat(count(
                            app,
                            "SELECT COUNT(*) FROM stat_ledger WHERE source = 'fhir-auditevent' AND staff_id = 'D0002'"))
                    .isEqualTo(1);
            assertThat(
                            count(
                                    app,
                                    "SELECT COUNT(*) FROM alert WHERE rule_code = 'STAT_UNAUTHORIZED_QUERY' AND subject_id = 'D0002'"))
                    .isEqualTo(1);

            // a FHIR counting search pinned to one prescriber is a statistics API call; a plain read is not
            for (String[] q : new String[][] {
                {"ae2", "MedicationRequest?requester=Practitioner/D0003&_summary=count"}, {"ae3", "Patient?_id=P1"}
            }) {
                audit.setId(q[0]);
                audit.getEntityFirstRep().setQuery(q[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(post(server.fhir.newJsonParser().encodeResourceToString(audit), SECRET)
                                .statusCode())
                        .isEqualTo(200);
            }
            assertThat(count(
                            app,
                            "SELECT COUNT(*) FROM stat_ledger WHERE source = 'fhir-auditevent'"
                                    + " AND tables_read = 'fhir-medication-count' AND targets = 'Practitioner/D0003'"))
                    .isEqualTo(1);
            assertThat(count(app, "SELECT COUNT(*) FROM stat_ledger WHERE source = 'fhir-auditevent'"))
                    .isEqualTo(2);
        }
    }

    private static org.hl7.fhir.r4.model.MedicationDispense dispense(String id, String order, int quantity) {
        org.hl7.fhir.r4.model.MedicationDispense md = new org.hl7.fhir.r4.model.MedicationDispense();
        md.setId(id);
        md.setStatus(org.hl7.fhir.r4.model.MedicationDispense.MedicationDispenseStatus.COMPLETED);
        md.addAuthorizingPrescription(new Reference("MedicationRequest/" + order));
        md.setMedication(new org.hl7.fhir.r4.model.CodeableConcept()
                .addCoding(new org.hl7.fhir.r4.model.Coding("urn:oid:his-drug", "Y00061", null)));
        md.setQuantity(new org.hl7.fhir.r4.model.Quantity().setValue(quantity).setUnit("片"));
        md.setDaysSupply(new org.hl7.fhir.r4.model.Quantity().setValue(quantity).setUnit("d"));
        md.setWhenHandedOver(java.util.Date.from(Instant.parse("2026-11-20T03:00:00Z")));
        return md;
    }

    @Test
    void dispensesAreStoredAgainstTheirOrders() throws Exception {
        var parser = server.fhir.newJsonParser();
        try (ConfigurableApplicationContext app = app("--qingfeng.fhir.sources[0].poll-interval=PT0S")) {
            // the order in the same bundle
            Bundle both = new Bundle().setType(Bundle.BundleType.HISTORY);
            both.addEntry()
                    .setResource(server.medicationRequests.put(
                            FhirFixtures.order("o1", "DSP-1", "RX-DSP-1", "Y00061", 7, "PD1"), Instant.now()));
            both.addEntry().setResource(dispense("d1", "o1", 7));
            assertThat(post(parser.encodeResourceToString(both), SECRET).statusCode())
                    .isEqualTo(200);
            // the order only on the server: read back
            server.medicationRequests.put(
                    FhirFixtures.order("o2", "DSP-2", "RX-DSP-2", "Y00061", 7, "PD2"), Instant.now());
            assertThat(post(parser.encodeResourceToString(dispense("d2", "o2", 14)), SECRET)
                            .statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> count(
                                    app,
                                    "SELECT COUNT(*) FROM rx_line WHERE kind = 'DISPENSE' AND placer_order_no LIKE 'DSP-%'")
                            == 2);
            assertThat(
                            count(
                                    app,
                                    "SELECT COUNT(*) FROM rx_line WHERE kind = 'DISPENSE' AND placer_order_no = 'DSP-2'"
                                            + " AND prescription_no = 'RX-DSP-2' AND prescriber_id = 'D0001' AND quantity = 14"))
                    .isEqualTo(1);
            assertThat(count(app, "SELECT COUNT(*) FROM rx_line WHERE kind = 'ORDER' AND placer_order_no = 'DSP-1'"))
                    .isEqualTo(1);
            // a dispense whose order cannot be read
            HttpResponse<String> orphan = post(parser.encodeResourceToString(dispense("d3", "missing", 7)), SECRET);
            assertThat(orphan.statusCode()).isEqualTo(422);
            assertThat(orphan.body()).contains("MedicationDispense.authorizingPrescription");
        }
    }

    @Test
    void aSourceWithoutASecretTakesNotificationsOnlyFromAnItAdmin() throws Exception {
        try (ConfigurableApplicationContext app =
                app("--qingfeng.fhir.sources[0].poll-interval=PT0S", "--qingfeng.fhir.sources[0].notify-secret=")) {
            assertThat(post("", null).statusCode()).isEqualTo(401);
            HttpResponse<String> asAdmin = httpClient.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/fhir/r4/notify?source=his"))
                            .header(
                                    "Authorization",
                                    "Basic "
                                            + java.util.Base64.getEncoder()
                                                    .encodeToString("admin:admin-test-password".getBytes()))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(asAdmin.statusCode()).isEqualTo(200);
        }
    }
}
