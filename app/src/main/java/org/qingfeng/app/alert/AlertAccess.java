package org.qingfeng.app.alert;

import java.util.EnumSet;
import java.util.Set;
import org.qingfeng.monitors.finding.Inbox;
import org.springframework.security.core.Authentication;

/**
 * Which inboxes a user may read and work: the discipline office and auditors read all, pharmacists the pharmacy
 * queue, IT the operational one. Only the discipline office and pharmacists change alerts (auditors read only).
 */
public final class AlertAccess {
    private AlertAccess() {}

    public static Set<Inbox> readable(Authentication user) {
        if (has(user, "DISCIPLINE") || has(user, "AUDITOR")) {
            return EnumSet.allOf(Inbox.class);
        }
        Set<Inbox> inboxes = EnumSet.noneOf(Inbox.class);
        if (has(user, "PHARMACIST")) {
            inboxes.add(Inbox.PHARMACY);
        }
        if (has(user, "IT_ADMIN")) {
            inboxes.add(Inbox.IT);
        }
        return inboxes;
    }

    public static boolean canWork(Authentication user, Inbox inbox) {
        if (has(user, "DISCIPLINE")) {
            return true;
        }
        return switch (inbox) {
            case PHARMACY -> has(user, "PHARMACIST");
            case IT -> has(user, "IT_ADMIN");
            case DISCIPLINE -> false;
        };
    }

    /** Only pharmacists review prescriptions (审方, 处方点评); the discipline office reads the results. */
    public static boolean canReview(Authentication user) {
        return has(user, "PHARMACIST");
    }

    public static boolean has(Authentication user, String role) {
        return user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
    }
}
