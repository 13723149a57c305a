package org.qingfeng.app.persistence;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Small named values the application keeps in {@code app_setting} (keys, checkpoints). */
public class SettingsRepository {

    private final JdbcTemplate jdbc;

    public SettingsRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> get(String key) {
        List<String> v =
                jdbc.queryForList("SELECT setting_value FROM app_setting WHERE setting_key = ?", String.class, key);
        return v.stream().findFirst();
    }

    /** Inserts or replaces; runs in the caller's transaction. */
    public void put(String key, String value) {
        if (jdbc.update("UPDATE app_setting SET setting_value = ? WHERE setting_key = ?", value, key) == 0) {
            jdbc.update("INSERT INTO app_setting (setting_key, setting_value) VALUES (?, ?)", key, value);
        }
    }
}
