package org.qingfeng.monitors.stat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qingfeng.config.StatisticsApi;
import org.qingfeng.config.StatisticsProperties;

class ApiCallClassifierTest {

    /** The default FHIR counting searches, and a HIS report module that ranks doctors by itself. */
    private static final ApiCallClassifier CLASSIFIER;

    static {
        List<StatisticsApi> apis = new java.util.ArrayList<>(new StatisticsProperties().getApiCalls());
        apis.add(new StatisticsApi(
                "his-doctor-drug-rank",
                "^GET /his/report/(doctorDrugRank|ysypph)\\b",
                List.of("doctorId", "ysdm"),
                List.of("drugCode", "ypdm"),
                List.of("PRESCRIBER")));
        CLASSIFIER = new ApiCallClassifier(apis);
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // FHIR counting searches pinned to a prescriber or a medication
                "GET MedicationRequest?requester=Practitioner/D0003&_summary=count | true | PRESCRIBER | Practitioner/D0003",
                "MedicationRequest?_summary=count&medication=Medication/M01 | true | ITEM | Medication/M01",
                "GET /fhir/MedicationDispense?performer=Practitioner%2FD0004&_summary=count | true | PRESCRIBER | Practitioner/D0004",
                "GET /fhir/MedicationRequest?code=A01&requester=Practitioner/D1&_summary=count | true | ITEM;PRESCRIBER | A01;Practitioner/D1",
                // counts of everything, listings and other resources are not per-prescriber statistics
                "GET MedicationRequest?_summary=count | false | | ",
                "GET MedicationRequest?requester=Practitioner/D0003 | false | | ",
                "GET Patient?_summary=count&name=zhang | false | | ",
                "GET MedicationRequest?requester=Practitioner/D0003&_summary=count-not | false | | ",
                // the report module ranks doctors even without a parameter; a pinned drug adds the item
                "GET /his/report/doctorDrugRank?month=2026-11 | true | PRESCRIBER | ",
                "GET /his/report/ysypph?YPDM=A01&month=2026-11 HTTP/1.1 | true | PRESCRIBER;ITEM | A01",
                "POST /his/report/doctorDrugRank | false | | ",
                "GET /his/report/patientList?doctorId=D1 | false | | ",
            })
    void apiCalls(String call, boolean statistics, String dimensions, String targets) {
        Classification c = CLASSIFIER.classify(call);
        assertThat(c.statistics()).as(c.reason()).isEqualTo(statistics);
        if (statistics) {
            assertThat(c.dimensions()).containsExactlyInAnyOrder(dimensions.split(";"));
            assertThat(c.targets())
                    .containsExactlyElementsOf(targets == null ? List.of() : List.of(targets.split(";")));
            assertThat(c.tables()).hasSize(1);
            assertThat(c.heuristic()).isFalse();
        }
    }

    @Test
    void theReasonNamesTheApiAndWhatWasPinned() {
        Classification c = CLASSIFIER.classify("GET  MedicationRequest?requester=Practitioner/D0003&_summary=count");
        assertThat(c.normalized()).isEqualTo("GET MedicationRequest?requester=Practitioner/D0003&_summary=count");
        assertThat(c.reason()).isEqualTo("API fhir-medication-count pinning [requester=Practitioner/D0003]");
        assertThat(c.tables()).containsExactly("fhir-medication-count");
    }
}
