package org.qingfeng.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qingfeng.app.support.MllpTestClient.ackCode;
import static org.qingfeng.app.support.MllpTestClient.send;

import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.qingfeng.app.support.Hl7Messages;
import org.qingfeng.app.support.QingfengIT;
import tools.jackson.databind.JsonNode;

/** CSV reference import (all or nothing) and the dead-letter list and replay. */
class ReferenceAndDeadLetterIT extends QingfengIT {

    private static final String DRUG_HEADER = "code,name,generic_name,atc_code,form,unit,unit_price,antibiotic_tier,"
            + "controlled_class,controlled_release,key_monitored,indication_prefixes,high_value_consumable,vbp_status,enterprise_code\n";

    private byte[] demoDrugs() throws Exception {
        return Files.readAllBytes(Path.of("src/main/resources/demo/drugs.csv"));
    }

    @Test
    void badRowRejectsTheWholeFileNamingRowAndColumn() throws Exception {
        int before = count("SELECT COUNT(*) FROM ref_drug");
        String csv = DRUG_HEADER
                + "X1,药一,,,TABLET,片,1.00,,,false,false,,false,,\n"
                + "X2,药二,,,TABLET,片,abc,,,false,false,,false,,\n";
        HttpResponse<String> r =
                putCsv("/api/v1/reference/drugs", csv.getBytes(StandardCharsets.UTF_8), "it", "it-password");
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode problem = json.readTree(r.body());
        assertThat(problem.path("row").asInt()).isEqualTo(2);
        assertThat(problem.path("column").asString()).isEqualTo("unit_price");
        assertThat(problem.path("detail").asString()).contains("not a number");
        assertThat(count("SELECT COUNT(*) FROM ref_drug")).isEqualTo(before);

        HttpResponse<String> tier = putCsv(
                "/api/v1/reference/drugs",
                (DRUG_HEADER + "X1,药一,,,TABLET,片,1.00,SUPER,,false,false,,false,,\n").getBytes(StandardCharsets.UTF_8),
                "it",
                "it-password");
        assertThat(json.readTree(tier.body()).path("column").asString()).isEqualTo("antibiotic_tier");

        HttpResponse<String> header = putCsv(
                "/api/v1/reference/drugs", "code,name\nX,Y\n".getBytes(StandardCharsets.UTF_8), "it", "it-password");
        assertThat(header.statusCode()).isEqualTo(422);
        assertThat(json.readTree(header.body()).path("detail").asString()).contains("generic_name");
    }

    @Test
    void gb18030CsvIsImportedAndDeadLetterIsReplayedAfterTheFix() throws Exception {
        // 1. an order for a drug the catalog does not know yet: AE, dead letter
        String id = Hl7Messages.controlId();
        String message =
                Hl7Messages.rde(id, "2.5", "D0001^赵^丽", Hl7Messages.line(id + "-1", "NEW001^新药片", "14", "BID", "7"));
        assertThat(ackCode(send(MLLP_PORT, message))).isEqualTo("AE");
        JsonNode letters = adminGet("/api/v1/dead-letters?limit=500").path("items");
        JsonNode letter = null;
        for (JsonNode l : letters) {
            if (id.equals(l.path("controlId").asString())) {
                letter = l;
            }
        }
        assertThat(letter).isNotNull();
        assertThat(letter.path("errorLocation").asString()).isEqualTo("RXE^1^2");
        assertThat(letter.path("reason").asString()).contains("NEW001");
        long letterId = letter.path("id").asLong();

        // replay before the fix: still refused, attempts counted, no second dead letter
        JsonNode first = json.readTree(post("/api/v1/dead-letters/" + letterId + "/replay", "", "it", "it-password")
                .body());
        assertThat(first.path("ackCode").asString()).isEqualTo("AE");
        assertThat(count("SELECT COUNT(*) FROM dead_letter WHERE control_id = ?", id))
                .isEqualTo(1);

        // 2. IT adds the drug through a GB18030 catalog file
        String catalog =
                new String(demoDrugs(), StandardCharsets.UTF_8) + "NEW001,新药片,新药,C08CA01,TABLET,片,2.50,,,否,否,I10,否,,\n";
        HttpResponse<String> imported =
                putCsv("/api/v1/reference/drugs", catalog.getBytes(Charset.forName("GB18030")), "it", "it-password");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(json.readTree(imported.body()).path("imported").asInt()).isGreaterThan(200);
        assertThat(jdbc.queryForObject("SELECT name FROM ref_drug WHERE code = 'NEW001'", String.class))
                .isEqualTo("新药片");

        // 3. replay: accepted and stored
        JsonNode replay = json.readTree(post("/api/v1/dead-letters/" + letterId + "/replay", "", "it", "it-password")
                .body());
        assertThat(replay.path("ackCode").asString()).isEqualTo("AA");
        assertThat(replay.path("status").asString()).isEqualTo("REPLAYED");
        awaitStored(id);
        assertThat(post("/api/v1/dead-letters/" + letterId + "/replay", "", "it", "it-password")
                        .statusCode())
                .isEqualTo(409);

        // restore the demo catalog for the other tests
        assertThat(putCsv("/api/v1/reference/drugs", demoDrugs(), "it", "it-password")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void staffImportReplacesTheRoster() throws Exception {
        byte[] roster = Files.readAllBytes(Path.of("src/main/resources/demo/staff.csv"));
        HttpResponse<String> r = putCsv("/api/v1/reference/staff", roster, "it", "it-password");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json.readTree(r.body()).path("imported").asInt()).isGreaterThanOrEqualTo(60);
        HttpResponse<String> bad = putCsv(
                "/api/v1/reference/staff",
                "id,name,department_code,department_name,title_level,role,antibiotic_tier_max,controlled_privilege,terminals\nD9,某,CARD,,CHIEF,PHYSICIAN,,否,\n"
                        .getBytes(StandardCharsets.UTF_8),
                "it",
                "it-password");
        assertThat(json.readTree(bad.body()).path("column").asString()).isEqualTo("title_level");
    }
}
