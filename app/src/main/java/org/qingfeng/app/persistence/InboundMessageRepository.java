package org.qingfeng.app.persistence;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored messages as the rule evaluation sees them. Evaluation runs in id order (the order of commit), so its
 * progress is one number, the highest id evaluated, kept in {@code app_setting}: messages above it are evaluated
 * again after a restart (alert de-duplication makes that safe), without rewriting each message row.
 */
public class InboundMessageRepository {

    private static final String WATERMARK = "rules-evaluated-through";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final SettingsRepository settings;

    public InboundMessageRepository(JdbcTemplate jdbc, JsonMapper json, SettingsRepository settings) {
        this.jdbc = jdbc;
        this.json = json;
        this.settings = settings;
    }

    public long evaluatedThrough() {
        return settings.get(WATERMARK).map(Long::parseLong).orElse(0L);
    }

    /** Moves the watermark forward (evaluation runs in id order); runs in the caller's transaction. */
    public void markEvaluatedThrough(long id) {
        if (id > evaluatedThrough()) {
            settings.put(WATERMARK, Long.toString(id));
        }
    }

    /** Stored messages above the watermark, oldest first. */
    public List<StoredBatch.StoredMessage> notEvaluated(long afterId, int limit) {
        return jdbc.query(
                "SELECT id, summary FROM inbound_message WHERE id > ? ORDER BY id LIMIT ?",
                (rs, n) -> new StoredBatch.StoredMessage(rs.getLong("id"), refs(rs.getString("summary"))),
                afterId,
                limit);
    }

    private List<StoredBatch.PrescriptionRef> refs(String summary) {
        List<StoredBatch.PrescriptionRef> refs = new ArrayList<>();
        for (JsonNode p : json.readTree(summary).path("prescriptions")) {
            refs.add(new StoredBatch.PrescriptionRef(
                    p.get(0).asString(), p.get(1).asString()));
        }
        return refs;
    }
}
