package org.qingfeng.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Root of every setting under {@code qingfeng.*}. Bound and validated by the application at start-up; a bad value stops
 * start-up with the offending key named.
 */
public class QingfengProperties {

    @Valid
    @NotNull
    private MllpProperties mllp = new MllpProperties();

    /** Per-rule settings keyed by rule code; keys are matched ignoring case, dashes and underscores. */
    @NotNull
    private Map<String, @Valid RuleSettings> rules = new LinkedHashMap<>();

    @Valid
    @NotNull
    private PrivacyProperties privacy = new PrivacyProperties();

    @Valid
    @NotNull
    private IngestProperties ingest = new IngestProperties();

    @Valid
    @NotNull
    private DemoProperties demo = new DemoProperties();

    @Valid
    @NotNull
    private ReviewProperties review = new ReviewProperties();

    @Valid
    @NotNull
    private CheckProperties check = new CheckProperties();

    @Valid
    @NotNull
    private FhirProperties fhir = new FhirProperties();

    @Valid
    @NotNull
    private StatisticsProperties statistics = new StatisticsProperties();

    @Valid
    @NotNull
    private DataAccessProperties dataAccess = new DataAccessProperties();

    /** {@code qingfeng.schedules.<job>}: cron (Quartz syntax, hospital time) of each pattern job; "-" turns it off. */
    @NotNull
    private Map<String, @jakarta.validation.constraints.NotBlank String> schedules = new LinkedHashMap<>();

    public MllpProperties getMllp() {
        return mllp;
    }

    public void setMllp(MllpProperties mllp) {
        this.mllp = mllp;
    }

    public Map<String, RuleSettings> getRules() {
        return rules;
    }

    public void setRules(Map<String, RuleSettings> rules) {
        this.rules = rules;
    }

    public PrivacyProperties getPrivacy() {
        return privacy;
    }

    public void setPrivacy(PrivacyProperties privacy) {
        this.privacy = privacy;
    }

    public IngestProperties getIngest() {
        return ingest;
    }

    public void setIngest(IngestProperties ingest) {
        this.ingest = ingest;
    }

    public DemoProperties getDemo() {
        return demo;
    }

    public void setDemo(DemoProperties demo) {
        this.demo = demo;
    }

    /** The settings of one rule, or empty settings (all defaults) when none are configured. */
    public RuleSettings rule(String code) {
        String wanted = RuleSettings.normalizeCode(code);
        for (Map.Entry<String, RuleSettings> e : rules.entrySet()) {
            if (RuleSettings.normalizeCode(e.getKey()).equals(wanted)) {
                return e.getValue();
            }
        }
        return new RuleSettings();
    }

    public ReviewProperties getReview() {
        return review;
    }

    public void setReview(ReviewProperties review) {
        this.review = review;
    }

    public CheckProperties getCheck() {
        return check;
    }

    public void setCheck(CheckProperties check) {
        this.check = check;
    }

    public FhirProperties getFhir() {
        return fhir;
    }

    public void setFhir(FhirProperties fhir) {
        this.fhir = fhir;
    }

    public StatisticsProperties getStatistics() {
        return statistics;
    }

    public void setStatistics(StatisticsProperties statistics) {
        this.statistics = statistics;
    }

    public DataAccessProperties getDataAccess() {
        return dataAccess;
    }

    public void setDataAccess(DataAccessProperties dataAccess) {
        this.dataAccess = dataAccess;
    }

    public Map<String, String> getSchedules() {
        return schedules;
    }

    public void setSchedules(Map<String, String> schedules) {
        this.schedules = schedules;
    }
}
