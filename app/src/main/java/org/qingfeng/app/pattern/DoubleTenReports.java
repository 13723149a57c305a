package org.qingfeng.app.pattern;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.qingfeng.app.alert.AlertAccess;
import org.qingfeng.app.audit.AccessAudit;
import org.qingfeng.monitors.pattern.DoubleTenRanking;
import org.springframework.security.core.Authentication;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading a stored 双十 report as a user may see it: the discipline office all of it, a pharmacist the drug ranking
 * only. Every read, from the API or the console, is written to the access audit.
 */
public class DoubleTenReports {

    public static final String TYPE = "DOUBLE_TEN";

    /** A report as shown to one user. */
    public record View(ReportRepository.StoredReport stored, DoubleTenRanking.Report report, boolean drugsOnly) {}

    private final ReportRepository reports;
    private final AccessAudit audit;
    private final JsonMapper json;

    public DoubleTenReports(ReportRepository reports, AccessAudit audit, JsonMapper json) {
        this.reports = reports;
        this.audit = audit;
        this.json = json;
    }

    /** The month's report for this user, audited as read in {@code format}; empty when none is stored. */
    public Optional<View> read(YearMonth month, Authentication user, String format) {
        Optional<ReportRepository.StoredReport> stored = reports.find(TYPE, month.toString());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        DoubleTenRanking.Report report = json.readValue(stored.get().body(), DoubleTenRanking.Report.class);
        boolean drugsOnly = !AlertAccess.has(user, "DISCIPLINE");
        if (drugsOnly) {
            report = new DoubleTenRanking.Report(
                    report.period(), report.topN(), report.drugTotal(), null, report.drugs(), List.of());
        }
        audit.append(
                user.getName(),
                "READ_DOUBLE_TEN",
                "report/double-ten/" + month,
                "format=" + format + (drugsOnly ? ", drugs only" : ""));
        return Optional.of(new View(stored.get(), report, drugsOnly));
    }
}
