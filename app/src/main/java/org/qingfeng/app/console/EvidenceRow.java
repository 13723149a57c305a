package org.qingfeng.app.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One line of an alert's evidence as the console shows it: the key (labelled through {@code evidence.<key>}), and
 * either a value or, for a map or a list of maps, the lines below it (one level; deeper values are written out).
 */
public record EvidenceRow(String key, String text, List<EvidenceRow> children) {

    /** Keys the alert page draws by themselves (the chart and the table of top prescriptions). */
    static final Set<String> DRAWN = Set.of("topPrescriptions", "peerValues");

    static List<EvidenceRow> of(Map<String, Object> evidence) {
        return evidence.entrySet().stream()
                .filter(e -> !DRAWN.contains(e.getKey()))
                .map(e -> row(e.getKey(), e.getValue(), true))
                .toList();
    }

    private static EvidenceRow row(String key, Object value, boolean expand) {
        if (expand && value instanceof Map<?, ?> map) {
            return new EvidenceRow(
                    key,
                    null,
                    map.entrySet().stream()
                            .map(e -> row(String.valueOf(e.getKey()), e.getValue(), false))
                            .toList());
        }
        if (expand && value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
            List<EvidenceRow> items = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                items.add(new EvidenceRow(String.valueOf(i + 1), text(list.get(i)), List.of()));
            }
            return new EvidenceRow(key, null, items);
        }
        return new EvidenceRow(key, text(value), List.of());
    }

    private static String text(Object value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> e.getKey() + ": " + text(e.getValue()))
                    .collect(Collectors.joining("；"));
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "—" : list.stream().map(EvidenceRow::text).collect(Collectors.joining("、"));
        }
        return String.valueOf(value);
    }
}
