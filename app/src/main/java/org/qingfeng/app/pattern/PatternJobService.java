package org.qingfeng.app.pattern;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.qingfeng.app.alert.AlertService;
import org.qingfeng.app.persistence.UsageRollups;
import org.qingfeng.app.review.SamplingService;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.monitors.ReferenceData;
import org.qingfeng.monitors.finding.Finding;
import org.qingfeng.monitors.finding.SubjectType;
import org.qingfeng.monitors.pattern.AntibioticKpiMonitor;
import org.qingfeng.monitors.pattern.DoubleTenRanking;
import org.qingfeng.monitors.pattern.ItemUsage;
import org.qingfeng.monitors.pattern.PeerOutlierMonitor;
import org.qingfeng.monitors.pattern.TopRankPersistentMonitor;
import org.qingfeng.monitors.pattern.UsageSurgeMonitor;
import org.qingfeng.monitors.pattern.VbpShareMonitor;
import tools.jackson.databind.json.JsonMapper;

/**
 * What each pattern job does: bring the rollups up to date, read the period's figures, run the monitor, leave out
 * findings an accepted justification covers, add the top contributing prescriptions, raise the alerts (or store the
 * report). Returns the counts the run-now API answers with. Quartz decides when and that runs never overlap.
 */
public class PatternJobService {

    static final int TOP_PRESCRIPTIONS = 5;

    private final UsageRollups rollups;
    private final UsageQueries queries;
    private final ReferenceData reference;
    private final AlertService alerts;
    private final PatternJustifications justifications;
    private final ReportRepository reports;
    private final QingfengProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final SamplingService sampling;

    public PatternJobService(
            UsageRollups rollups,
            UsageQueries queries,
            ReferenceData reference,
            AlertService alerts,
            PatternJustifications justifications,
            ReportRepository reports,
            QingfengProperties properties,
            JsonMapper json,
            Clock clock,
            SamplingService sampling) {
        this.sampling = sampling;
        this.rollups = rollups;
        this.queries = queries;
        this.reference = reference;
        this.alerts = alerts;
        this.justifications = justifications;
        this.reports = reports;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** Thrown when a run is interrupted between its steps; nothing of the unfinished step is written. */
    public static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted");
        }
    }

    public Map<String, Object> run(PatternJob job, String period, String user, BooleanSupplier interrupted) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("rollupDaysRefreshed", rollups.refreshDirty());
        check(interrupted);
        switch (job) {
            case DOUBLE_TEN -> doubleTen(YearMonth.parse(period), user, counts);
            case USAGE_SURGE -> surge(LocalDate.parse(period), interrupted, counts);
            case TOP_RANK_PERSISTENT -> topRank(YearMonth.parse(period), interrupted, counts);
            case REVIEW_SAMPLE -> reviewSample(YearMonth.parse(period), user, counts);
            default -> monthly(job, YearMonth.parse(period), interrupted, counts);
        }
        return counts;
    }

    /** The monthly alerting jobs over one month's rollups. */
    private void monthly(PatternJob job, YearMonth month, BooleanSupplier interrupted, Map<String, Object> counts) {
        String period = month.toString();
        LocalDate from = month.atDay(1);
        LocalDate to = month.plusMonths(1).atDay(1);
        List<Finding> findings = switch (job) {
            case PEER_COMPARISON ->
                new PeerOutlierMonitor(reference)
                        .evaluate(
                                period,
                                queries.usage(from, to),
                                queries.volumes(from, to),
                                properties.rule(PeerOutlierMonitor.CODE));
            case VBP_SHARE ->
                new VbpShareMonitor(reference)
                        .evaluate(period, queries.usage(from, to), properties.rule(VbpShareMonitor.CODE));
            case ANTIBIOTIC_KPI ->
                new AntibioticKpiMonitor()
                        .evaluate(period, queries.departments(from, to), properties.rule(AntibioticKpiMonitor.CODE));
            default -> throw new IllegalArgumentException(job.jobName() + " is not a monthly alerting job");
        };
        raise(findings, from, to, interrupted, counts);
    }

    /** Draws the month's 处方点评 sample with a random seed, unless one was drawn already (by schedule or request). */
    private void reviewSample(YearMonth month, String user, Map<String, Object> counts) {
        List<Map<String, Object>> drawn = sampling.list(month.toString());
        if (!drawn.isEmpty()) {
            counts.put("existingSamples", drawn.size());
            return;
        }
        SamplingService.Sample sample = sampling.draw(month.toString(), null, user);
        counts.put("sampleId", sample.id());
        counts.put("items", sample.items().size());
    }

    private void doubleTen(YearMonth month, String user, Map<String, Object> counts) {
        List<ItemUsage> usage =
                queries.usage(month.atDay(1), month.plusMonths(1).atDay(1));
        var settings = properties.rule("DOUBLE_TEN");
        int topN = settings.getTopN() == null ? DoubleTenRanking.TOP_N : settings.getTopN();
        DoubleTenRanking.Report report = new DoubleTenRanking(reference).rank(month.toString(), usage, topN);
        reports.save("DOUBLE_TEN", month.toString(), user, json.writeValueAsString(report));
        counts.put("usageRows", usage.size());
        counts.put("drugs", report.drugs().size());
        counts.put("consumables", report.consumables().size());
    }

    private void surge(LocalDate day, BooleanSupplier interrupted, Map<String, Object> counts) {
        var settings = properties.rule(UsageSurgeMonitor.CODE);
        int windowDays = settings.getWindowDays() == null ? 7 : settings.getWindowDays();
        int periods = settings.getPeriods() == null ? 3 : settings.getPeriods();
        LocalDate end = day.plusDays(1); // exclusive
        List<ItemUsage> current = queries.usage(end.minusDays(windowDays), end);
        List<List<ItemUsage>> baseline = new ArrayList<>();
        for (int p = 1; p <= periods; p++) {
            check(interrupted);
            baseline.add(
                    queries.usage(end.minusDays((long) windowDays * (p + 1)), end.minusDays((long) windowDays * p)));
        }
        String period = end.minusDays(windowDays) + ".." + day;
        String week = day.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + String.format("%02d", day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        raise(
                new UsageSurgeMonitor(reference).evaluate(period, week, current, baseline, settings),
                end.minusDays(windowDays),
                end,
                interrupted,
                counts);
    }

    private void topRank(YearMonth month, BooleanSupplier interrupted, Map<String, Object> counts) {
        var settings = properties.rule(TopRankPersistentMonitor.CODE);
        int needed = TopRankPersistentMonitor.monthsNeeded(settings);
        List<String> months = new ArrayList<>();
        List<List<ItemUsage>> usage = new ArrayList<>();
        for (int i = needed - 1; i >= 0; i--) {
            check(interrupted);
            YearMonth m = month.minusMonths(i);
            months.add(m.toString());
            usage.add(queries.itemTotals(m.atDay(1), m.plusMonths(1).atDay(1)));
        }
        raise(
                new TopRankPersistentMonitor(reference).evaluate(months, usage, settings),
                month.atDay(1),
                month.plusMonths(1).atDay(1),
                interrupted,
                counts);
    }

    private void raise(
            List<Finding> findings,
            LocalDate from,
            LocalDate to,
            BooleanSupplier interrupted,
            Map<String, Object> counts) {
        check(interrupted);
        List<Finding> kept = new ArrayList<>();
        int suppressed = 0;
        for (Finding f : findings) {
            String item = (String) f.evidence().getOrDefault("itemCode", PatternJustifications.ANY_ITEM);
            if (justifications.suppressed(f.rule(), f.subject().id(), item, clock.instant())) {
                suppressed++;
            } else {
                kept.add(withTopPrescriptions(f, from, to));
            }
        }
        check(interrupted);
        counts.put("findings", findings.size());
        counts.put("suppressed", suppressed);
        counts.put("alertsRaised", alerts.raise(kept).size());
    }

    private Finding withTopPrescriptions(Finding f, LocalDate from, LocalDate to) {
        String item = (String) f.evidence().get("itemCode");
        if (item == null) {
            return f;
        }
        String prescriber =
                f.subject().type() == SubjectType.STAFF ? f.subject().id() : null;
        String department =
                f.subject().type() == SubjectType.DEPARTMENT ? f.subject().id() : null;
        Map<String, Object> evidence = new LinkedHashMap<>(f.evidence());
        evidence.put(
                "topPrescriptions",
                queries.topPrescriptions(item, prescriber, department, from, to, TOP_PRESCRIPTIONS));
        return new Finding(
                f.rule(),
                f.severity(),
                f.inbox(),
                f.subject(),
                f.department(),
                f.scope(),
                f.title(),
                f.justified(),
                evidence);
    }

    private static void check(BooleanSupplier interrupted) {
        if (interrupted.getAsBoolean()) {
            throw new Interrupted();
        }
    }
}
