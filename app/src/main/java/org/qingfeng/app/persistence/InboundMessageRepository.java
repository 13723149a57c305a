package org.qingfeng.app.persistence;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads and updates the processing status of stored messages. */
public class InboundMessageRepository {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public InboundMessageRepository(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void markProcessed(List<Long> ids) {
        jdbc.batchUpdate(
                "UPDATE inbound_message SET status = 'PROCESSED' WHERE id = ?",
                ids.stream().map(id -> new Object[] {id}).toList());
    }

    /** Messages stored but not yet evaluated (e.g. the process stopped in between), oldest first. */
    public List<StoredBatch.StoredMessage> unprocessed(int limit) {
        return jdbc.query(
                "SELECT id, summary FROM inbound_message WHERE status = 'STORED' ORDER BY id LIMIT ?",
                (rs, n) -> new StoredBatch.StoredMessage(rs.getLong("id"), refs(rs.getString("summary"))),
                limit);
    }

    private List<StoredBatch.PrescriptionRef> refs(String summary) {
        List<StoredBatch.PrescriptionRef> refs = new ArrayList<>();
        JsonNode node = json.readTree(summary).path("prescriptions");
        for (JsonNode p : node) {
            refs.add(new StoredBatch.PrescriptionRef(
                    p.get(0).asString(), p.get(1).asString()));
        }
        return refs;
    }

    public long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM inbound_message", Long.class);
        return n == null ? 0 : n;
    }
}
