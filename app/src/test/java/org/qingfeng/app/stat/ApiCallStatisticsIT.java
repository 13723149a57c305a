package org.qingfeng.app.stat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qingfeng.app.support.QingfengIT;

/**
 * An API call that returns prescription statistics (here a FHIR counting search pinned to one prescriber) is checked
 * and recorded like a SQL statistics query; an approval ticket whose scope names the API covers it.
 */
class ApiCallStatisticsIT extends QingfengIT {

    private static String call(String time, String apiCall) {
        return "{\"time\":\"" + time
                + "\",\"user\":\"D0013\",\"clientIp\":\"10.1.13.23\",\"application\":\"report-portal\","
                + "\"apiCall\":\"" + apiCall + "\",\"rows\":1}";
    }

    @Test
    void aCountingSearchPinnedToAPrescriberIsAStatisticsCallAndATicketNamingTheApiCoversIt() throws Exception {
        // a Tuesday, 10:00 in Beijing: within working hours, so an approved query raises nothing
        String today = "2026-11-24";
        String at = LocalDate.parse(today)
                .atTime(10, 0)
                .atZone(ZoneId.of("Asia/Shanghai"))
                .toInstant()
                .toString();
        String search = "GET /fhir/MedicationRequest?requester=Practitioner/D0004&_summary=count";

        HttpResponse<String> first = post(
                "/api/v1/data-access-events",
                "[" + call(at, search) + "," + call(at, "GET /fhir/Patient/P1") + "]",
                "it",
                "it-password");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("\"statisticsQueries\":1").contains("STAT_UNAUTHORIZED_QUERY");
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT staff_id, tables_read, targets, dimensions, approved FROM stat_ledger WHERE statement = ?",
                search);
        assertThat(row)
                .containsEntry("staff_id", "D0013")
                .containsEntry("tables_read", "fhir-medication-count")
                .containsEntry("targets", "Practitioner/D0004")
                .containsEntry("dimensions", "PRESCRIBER")
                .containsEntry("approved", false);

        HttpResponse<String> tickets = putCsv(
                "/api/v1/reference/statisticians",
                ("staff_id,scope,valid_from,valid_to,approved_by,ticket\nD0013,FHIR-Medication-Count," + today + ","
                                + today + ",院办,TF-2026-12")
                        .getBytes(StandardCharsets.UTF_8),
                "disc",
                "disc-password");
        assertThat(tickets.statusCode()).as(tickets.body()).isEqualTo(200);
        HttpResponse<String> second = post("/api/v1/data-access-events", call(at, search), "it", "it-password");
        assertThat(second.body()).contains("\"statisticsQueries\":1").contains("\"alerts\":[]");
        assertThat(jdbc.queryForObject(
                        "SELECT ticket FROM stat_ledger WHERE statement = ? AND approved = TRUE", String.class, search))
                .isEqualTo("TF-2026-12");
    }
}
