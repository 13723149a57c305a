package org.qingfeng.app.stat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.qingfeng.config.reference.ReferenceCsv;
import org.qingfeng.config.reference.StaffMember;
import org.qingfeng.monitors.ReferenceData;
import org.qingfeng.monitors.stat.DataAccessEvent;
import org.qingfeng.monitors.stat.StatisticsAccessRules;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who is behind a data-access event: the account table, a roster id used as the account, a Qingfeng user linked to
 * the roster; for a shared account the person who used the same terminal with a personal account shortly before, or
 * the one person who registered the terminal. Runs in the caller's transaction.
 */
class Attributions {

    private final JdbcTemplate jdbc;
    private final ReferenceData reference;
    private final TerminalPresence presence;
    private final Duration window;

    Attributions(JdbcTemplate jdbc, ReferenceData reference, Duration window) {
        this.jdbc = jdbc;
        this.reference = reference;
        this.presence = new TerminalPresence(jdbc);
        this.window = window;
    }

    /** Forgets terminal uses older than {@code keep}. */
    int prunePresence(Instant now, Duration keep) {
        return presence.prune(now, keep);
    }

    /** A Qingfeng user, through the roster id their account is linked to. */
    StatisticsAccessRules.Attribution user(String username) {
        Optional<StaffMember> linked =
                jdbc.queryForList("SELECT staff_id FROM app_user WHERE username = ?", String.class, username).stream()
                        .filter(java.util.Objects::nonNull)
                        .findFirst()
                        .flatMap(reference::staff);
        return linked.map(s -> attribution(s, username, "USER", List.of()))
                .orElse(new StatisticsAccessRules.Attribution(
                        null,
                        null,
                        username,
                        false,
                        List.of(),
                        null,
                        List.of("Qingfeng user " + username + " is not linked to the roster (staffId)")));
    }

    /**
     * The application user, else the database account; through the account table to a person where possible. A shared
     * account (or one naming no one) is resolved by the terminal it was used from: to the one person who used that
     * terminal with a personal account within the shared-account window before, else to the one person who registered
     * it, else it is flagged as shared, naming the people seen at or registered to the terminal.
     */
    StatisticsAccessRules.Attribution attribute(DataAccessEvent e) {
        String account = java.util.Objects.requireNonNullElse(accountName(e), "unknown");
        Optional<ReferenceCsv.Account> a = account(e);
        if (a.isPresent()) {
            if (a.get().shared() || a.get().staffId() == null) {
                return shared(e, a.get().account());
            }
            String id = a.get().staffId();
            return reference
                    .staff(id)
                    .map(s -> attribution(s, a.get().account(), "ACCOUNT", List.of()))
                    .orElse(new StatisticsAccessRules.Attribution(
                            id, null, a.get().account(), false, List.of(), "ACCOUNT", List.of()));
        }
        // an account named after a roster id is that person
        return reference
                .staff(account)
                .map(s -> attribution(s, account, "ROSTER_ID", List.of()))
                .orElse(new StatisticsAccessRules.Attribution(null, null, account, false, List.of(), null, List.of()));
    }

    /** The person behind a personal account (not shared), if the event's account is one. */
    private Optional<StaffMember> personal(DataAccessEvent e) {
        Optional<ReferenceCsv.Account> a = account(e);
        if (a.isPresent()) {
            return a.get().shared() || a.get().staffId() == null
                    ? Optional.empty()
                    : reference.staff(a.get().staffId());
        }
        return reference.staff(accountName(e));
    }

    /** The application user, else the database account, as the event names it (null when it names neither). */
    private static String accountName(DataAccessEvent e) {
        return e.user() != null ? e.user() : e.dbUser();
    }

    /** The account table's entry for the application user, else for the database account. */
    private Optional<ReferenceCsv.Account> account(DataAccessEvent e) {
        for (String[] c : new String[][] {{"APP", e.user()}, {"DB", e.dbUser()}}) {
            if (c[1] == null) {
                continue;
            }
            List<ReferenceCsv.Account> found = jdbc.query(
                    "SELECT * FROM ref_account WHERE kind = ? AND LOWER(account) = ?",
                    (rs, n) -> new ReferenceCsv.Account(
                            rs.getString("account"),
                            rs.getString("kind"),
                            rs.getString("staff_id"),
                            rs.getBoolean("shared")),
                    c[0],
                    c[1].toLowerCase(Locale.ROOT));
            if (!found.isEmpty()) {
                return Optional.of(found.get(0));
            }
        }
        return Optional.empty();
    }

    /** Marks the person behind a personal account as present at the event's terminal (for shared accounts later). */
    void notePresence(DataAccessEvent e) {
        String from = terminalOf(e);
        String account = accountName(e);
        if (from != null && account != null) {
            presence.seen(from, account.toLowerCase(Locale.ROOT), e.time(), () -> personal(e));
        }
    }

    private StatisticsAccessRules.Attribution shared(DataAccessEvent e, String account) {
        String from = terminalOf(e);
        if (from == null) {
            return new StatisticsAccessRules.Attribution(null, null, account, true, List.of(), null, List.of());
        }
        List<TerminalPresence.Seen> seen = presence.before(from, e.time(), window);
        Set<String> seenIds = new LinkedHashSet<>();
        seen.forEach(s -> seenIds.add(s.staffId()));
        if (seenIds.size() == 1) {
            TerminalPresence.Seen last = seen.get(0);
            String basis = last.staffId() + " used " + from + " as " + last.account() + " at " + last.minute();
            Optional<StaffMember> s = reference.staff(last.staffId());
            if (s.isPresent()) {
                return attribution(s.get(), account, true, "TIME", List.of(basis));
            }
        }
        List<String> registered = reference.staffAtTerminal(from);
        if (seenIds.isEmpty() && registered.size() == 1) {
            Optional<StaffMember> s = reference.staff(registered.get(0));
            if (s.isPresent()) {
                return attribution(
                        s.get(), account, true, "TERMINAL", List.of(registered.get(0) + " registered " + from));
            }
        }
        List<String> candidates = new ArrayList<>();
        seenIds.forEach(id -> candidates.add(id + " used " + from));
        registered.forEach(id -> candidates.add(id + " registered " + from));
        return new StatisticsAccessRules.Attribution(null, null, account, true, List.of(), null, candidates);
    }

    private static String terminalOf(DataAccessEvent e) {
        return e.terminal() != null ? e.terminal() : e.clientIp();
    }

    private static StatisticsAccessRules.Attribution attribution(
            StaffMember s, String account, String resolvedBy, List<String> basis) {
        return attribution(s, account, false, resolvedBy, basis);
    }

    private static StatisticsAccessRules.Attribution attribution(
            StaffMember s, String account, boolean shared, String resolvedBy, List<String> basis) {
        return new StatisticsAccessRules.Attribution(
                s.id(), s.name(), account, shared, s.terminals(), resolvedBy, basis);
    }
}
