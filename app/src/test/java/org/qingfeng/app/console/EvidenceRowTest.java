package org.qingfeng.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceRowTest {

    @Test
    void mapsAndListsOfMapsBecomeNestedRowsDeeperValuesAreWrittenOut() {
        Map<String, Object> who = new LinkedHashMap<>();
        who.put("staffId", "D0011");
        who.put("basis", List.of("D0011 used 10.77.0.1"));
        who.put("terminal", null);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("limit", 7);
        evidence.put("who", who);
        evidence.put("lines", List.of(Map.of("itemCode", "A01"), Map.of("itemCode", "B02")));
        evidence.put("dimensions", List.of("PRESCRIBER", "ITEM"));
        evidence.put("peerValues", List.of(1, 2, 3));

        List<EvidenceRow> rows = EvidenceRow.of(evidence);

        assertThat(rows).extracting(EvidenceRow::key).containsExactly("limit", "who", "lines", "dimensions");
        assertThat(rows.get(0).text()).isEqualTo("7");
        assertThat(rows.get(1).text()).isNull();
        assertThat(rows.get(1).children())
                .containsExactly(
                        new EvidenceRow("staffId", "D0011", List.of()),
                        new EvidenceRow("basis", "D0011 used 10.77.0.1", List.of()),
                        new EvidenceRow("terminal", "—", List.of()));
        assertThat(rows.get(2).children())
                .containsExactly(
                        new EvidenceRow("1", "itemCode: A01", List.of()),
                        new EvidenceRow("2", "itemCode: B02", List.of()));
        assertThat(rows.get(3).text()).isEqualTo("PRESCRIBER、ITEM");
    }
}
