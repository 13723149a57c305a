package org.qingfeng.app.stat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.qingfeng.app.persistence.Timestamps;
import org.qingfeng.config.reference.StaffMember;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Who used which terminal when: a data-access event of a personal account (one that names a person) from a terminal
 * or client address marks that person present there in that minute, in the transaction that stores the event. A shared
 * account used from the terminal soon after can then be attributed to the one person seen there.
 */
class TerminalPresence {

    /** A person's use of a terminal with a personal account. */
    record Seen(String staffId, String account, Instant minute) {}

    private final JdbcTemplate jdbc;
    /** terminal, account and minute already looked at: audit traffic repeats them many times a minute. */
    private final Cache<String, Boolean> looked = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterWrite(Duration.ofMinutes(3))
            .build();

    TerminalPresence(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that {@code account} was used from {@code terminal} at {@code at}, when {@code person} (asked once per
     * terminal, account and minute) names the person behind a personal account.
     */
    void seen(String terminal, String account, Instant at, Supplier<Optional<StaffMember>> person) {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        String key = terminal + '\n' + account + '\n' + minute.getEpochSecond();
        if (looked.getIfPresent(key) != null) {
            return;
        }
        Optional<StaffMember> who = person.get();
        looked.put(key, Boolean.TRUE);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        looked.invalidate(key); // the row was not written: look again when the events come again
                    }
                }
            });
        }
        who.ifPresent(s -> jdbc.update(
                "INSERT INTO terminal_presence (terminal, seen_minute, staff_id, account) VALUES (?,?,?,?)"
                        + " ON CONFLICT DO NOTHING",
                terminal,
                Timestamps.of(minute),
                s.id(),
                account));
    }

    /** The uses of the terminal with personal accounts in the {@code window} up to {@code at}, latest first. */
    List<Seen> before(String terminal, Instant at, Duration window) {
        return jdbc.query(
                "SELECT staff_id, account, seen_minute FROM terminal_presence WHERE terminal = ? AND seen_minute >= ?"
                        + " AND seen_minute <= ? ORDER BY seen_minute DESC, staff_id",
                (rs, n) -> new Seen(rs.getString(1), rs.getString(2), Timestamps.instant(rs.getTimestamp(3))),
                terminal,
                Timestamps.of(at.minus(window).truncatedTo(ChronoUnit.MINUTES)),
                Timestamps.of(at));
    }

    /** Forgets uses older than {@code keep}; they no longer attribute anything. */
    int prune(Instant now, Duration keep) {
        return jdbc.update("DELETE FROM terminal_presence WHERE seen_minute < ?", Timestamps.of(now.minus(keep)));
    }
}
