package org.qingfeng.app.pattern;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The scheduled jobs (the pattern jobs and the monthly 处方点评 sample), by their public names ({@code POST /api/v1/jobs/{name}/run},
 * {@code qingfeng.schedules.<name>}). Monthly jobs take a period {@code YYYY-MM} and by schedule run for the month
 * before; the daily job takes {@code YYYY-MM-DD} and runs for the day before.
 */
public enum PatternJob {
    DOUBLE_TEN("double-ten", false, "0 0 2 1 * ?"),
    PEER_COMPARISON("peer-comparison", false, "0 30 2 1 * ?"),
    USAGE_SURGE("usage-surge", true, "0 15 1 * * ?"),
    TOP_RANK_PERSISTENT("top-rank-persistent", false, "0 0 3 1 * ?"),
    VBP_SHARE("vbp-share", false, "0 30 3 1 * ?"),
    ANTIBIOTIC_KPI("antibiotic-kpi", false, "0 0 4 1 * ?"),
    /** The monthly 处方点评 sample of the month before (drawn once; a sample drawn on request counts). */
    REVIEW_SAMPLE("review-sample", false, "0 30 4 1 * ?");

    private final String jobName;
    private final boolean daily;
    private final String defaultCron;

    PatternJob(String jobName, boolean daily, String defaultCron) {
        this.jobName = jobName;
        this.daily = daily;
        this.defaultCron = defaultCron;
    }

    public String jobName() {
        return jobName;
    }

    public boolean daily() {
        return daily;
    }

    public String defaultCron() {
        return defaultCron;
    }

    /** By public name; separators and case are ignored, as environment variables lose the dashes. */
    public static Optional<PatternJob> byName(String name) {
        String wanted = normalize(name);
        return Arrays.stream(values())
                .filter(j -> normalize(j.jobName).equals(wanted))
                .findFirst();
    }

    private static String normalize(String name) {
        return name == null ? "" : name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** The period a scheduled run covers: yesterday, or last month. */
    public String scheduledPeriod(LocalDate today) {
        return daily
                ? today.minusDays(1).toString()
                : YearMonth.from(today).minusMonths(1).toString();
    }

    /** Checks a requested period; returns it normalized, or throws IllegalArgumentException saying what is wrong. */
    public String validPeriod(String period) {
        if (period == null || period.isBlank()) {
            throw new IllegalArgumentException("period is required: " + (daily ? "YYYY-MM-DD" : "YYYY-MM"));
        }
        try {
            return daily
                    ? LocalDate.parse(period.trim()).toString()
                    : YearMonth.parse(period.trim()).toString();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "period '" + period + "' is not " + (daily ? "a day YYYY-MM-DD" : "a month YYYY-MM"));
        }
    }
}
