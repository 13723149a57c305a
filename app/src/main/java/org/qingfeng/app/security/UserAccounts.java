package org.qingfeng.app.security;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.qingfeng.app.persistence.Timestamps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Console and API users, with bcrypt-hashed passwords and the roles of interfaces.md §5. */
public class UserAccounts implements UserDetailsService {

    public static final Set<String> ROLES = Set.of("DISCIPLINE", "PHARMACIST", "IT_ADMIN", "DEPT_HEAD", "AUDITOR");

    /** @param staffId the roster id of the person using the account, or null when not linked */
    public record Account(String username, List<String> roles, String displayName, boolean enabled, String staffId) {}

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;

    public UserAccounts(JdbcTemplate jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc
                .query(
                        "SELECT username, password_hash, roles, enabled FROM app_user WHERE username = ?",
                        (rs, n) -> User.withUsername(rs.getString("username"))
                                .password(rs.getString("password_hash"))
                                .disabled(!rs.getBoolean("enabled"))
                                .authorities(Arrays.stream(rs.getString("roles").split(","))
                                        .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                                        .toList())
                                .build(),
                        username)
                .stream()
                .findFirst()
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    public boolean isEmpty() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM app_user", Integer.class);
        return n == null || n == 0;
    }

    /** Creates the user or replaces password, roles and name (not linked to the roster). */
    public void save(String username, String rawPassword, List<String> roles, String displayName) {
        save(username, rawPassword, roles, displayName, null);
    }

    /**
     * Creates the user or replaces password, roles, name and the roster id of the person using the account (approval
     * tickets for statistics are that person's).
     */
    public void save(String username, String rawPassword, List<String> roles, String displayName, String staffId) {
        String hash = encoder.encode(rawPassword);
        String joined = String.join(",", roles);
        int updated = jdbc.update(
                "UPDATE app_user SET password_hash = ?, roles = ?, display_name = ?, staff_id = ?, enabled = TRUE"
                        + " WHERE username = ?",
                hash,
                joined,
                displayName,
                staffId,
                username);
        if (updated == 0) {
            jdbc.update(
                    "INSERT INTO app_user (username, password_hash, roles, display_name, staff_id, enabled, created_at)"
                            + " VALUES (?,?,?,?,?,TRUE,?)",
                    username,
                    hash,
                    joined,
                    displayName,
                    staffId,
                    Timestamps.of(clock.instant()));
        }
    }

    public Optional<Account> find(String username) {
        return jdbc
                .query(
                        "SELECT username, roles, display_name, enabled, staff_id FROM app_user WHERE username = ?",
                        (rs, n) -> new Account(
                                rs.getString("username"),
                                List.of(rs.getString("roles").split(",")),
                                rs.getString("display_name"),
                                rs.getBoolean("enabled"),
                                rs.getString("staff_id")),
                        username)
                .stream()
                .findFirst();
    }
}
