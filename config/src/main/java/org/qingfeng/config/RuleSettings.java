package org.qingfeng.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code qingfeng.rules.<CODE>.*}: settings of one rule. Every threshold is optional; a rule uses its own default for
 * what is not set. {@code departments.<code>.*} overrides thresholds for one department.
 */
public class RuleSettings {

    private Boolean enabled;
    private Severity severity;

    @Min(1)
    @Max(365)
    private Integer outpatientDays;

    @Min(1)
    @Max(365)
    private Integer emergencyDays;

    @Min(1)
    @Max(365)
    private Integer chronicDays;

    @Min(1)
    @Max(100)
    private Integer maxItems;

    @DecimalMin(value = "0.01")
    private BigDecimal outpatientAmount;

    @DecimalMin(value = "0.01")
    private BigDecimal emergencyAmount;

    @DecimalMin(value = "0.01")
    private BigDecimal inpatientAmount;

    /** RX_CONTROLLED_QUANTITY: doses an outpatient injection of a narcotic or class-I psychotropic may cover (default 1). */
    @Min(1)
    @Max(10)
    private Integer injectionDoses;

    /** RX_CONTROLLED_QUANTITY: days other forms may cover (default 3). */
    @Min(1)
    @Max(90)
    private Integer controlledDays;

    /** RX_CONTROLLED_QUANTITY: days controlled-release forms may cover (default 7). */
    @Min(1)
    @Max(90)
    private Integer controlledReleaseDays;

    /** RX_CONTROLLED_QUANTITY: days a class-II psychotropic may cover (default 7). */
    @Min(1)
    @Max(90)
    private Integer psychIiDays;

    /** RX_DUPLICATE_THERAPY: the ATC level at which two drugs count as the same class (default 4). */
    @Min(1)
    @Max(5)
    private Integer atcLevel;

    /** RX_DUPLICATE_THERAPY: how far back the patient's other orders are read (default 30). */
    @Min(1)
    @Max(365)
    private Integer lookbackDays;

    /** RX_REPEATED_IRRATIONAL: confirmed irrational prescriptions that raise the first escalation (default 3). */
    @Min(1)
    @Max(100)
    private Integer count;

    /** RX_REPEATED_IRRATIONAL: further ones after a restriction that raise the second (default 2). */
    @Min(1)
    @Max(100)
    private Integer countAfterRestriction;

    /** RX_REPEATED_IRRATIONAL: review categories that count (default EXCESSIVE, 超常). */
    private List<
                    @Pattern(
                            regexp = "EXCESSIVE|INAPPROPRIATE|NONSTANDARD",
                            message = "must be EXCESSIVE, INAPPROPRIATE or NONSTANDARD")
                    String>
            categories;

    /** FEED_SILENT: minutes without data that count as silence (default 30). */
    @Min(1)
    @Max(1440)
    private Integer minutes;

    /** FEED_SILENT: the hours (hospital time) in which silence is reported, HH:MM-HH:MM (default 08:00-18:00). */
    @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d", message = "must be HH:MM-HH:MM")
    private String workingHours;

    /** STAT_OFF_HOURS: public holidays (法定节假日), days off even on a weekday. */
    private List<java.time.LocalDate> holidays;

    /** STAT_OFF_HOURS: weekend days that are working days (调休上班日). */
    private List<java.time.LocalDate> workdays;

    /** STAT_BULK_EXTRACT: rows returned or exported above which a statistics query is a bulk extract (default 1000). */
    @Min(1)
    private Long maxRows;

    /** PAT_PEER_OUTLIER: robust z (median/MAD of the peers) at or above which a prescriber is an outlier (default 3.5). */
    @DecimalMin(value = "0.5")
    private BigDecimal minZ;

    /**
     * PAT_PEER_OUTLIER: the prescriber's figure must also be at least this multiple of the peer median (default 2.0):
     * in a tight department a 10 % difference can have a high z and still be ordinary.
     */
    @DecimalMin(value = "1.0")
    private BigDecimal minRatio;

    /** PAT_PEER_OUTLIER: highest rank in the department that is still reported (default 3). */
    @Min(1)
    private Integer maxRank;

    /** PAT_PEER_OUTLIER: peers with enough visits needed for a comparison (default 5). */
    @Min(2)
    private Integer minPeers;

    /** PAT_PEER_OUTLIER: peers who use the item at all, needed for a comparison (default 3). */
    @Min(1)
    private Integer minPeerUsers;

    /** PAT_PEER_OUTLIER, PAT_VBP_SHARE: patient visits in the period below which a prescriber is left out (default 30). */
    @Min(1)
    private Integer minVisits;

    /** Pattern rules: minimum volume in yuan in the period for a finding (defaults per rule). */
    @DecimalMin(value = "0")
    private BigDecimal minAmount;

    /** Pattern rules: minimum number of prescriptions in the period for a finding (defaults per rule). */
    @Min(0)
    private Integer minPrescriptions;

    /** DOUBLE_TEN and PAT_TOP_RANK_PERSISTENT: size of the ranking (default 10). */
    @Min(1)
    @Max(100)
    private Integer topN;

    /** PAT_TOP_RANK_PERSISTENT: consecutive months in the top N (default 3); PAT_USAGE_SURGE: baseline periods (default 3). */
    @Min(1)
    @Max(24)
    private Integer periods;

    /** PAT_TOP_RANK_PERSISTENT: consecutive months for antibiotics (default 6). */
    @Min(1)
    @Max(24)
    private Integer antibioticPeriods;

    /** PAT_USAGE_SURGE: increase over the trailing baseline, in percent (default 50). */
    @Min(1)
    private Integer increasePercent;

    /** PAT_USAGE_SURGE: length of one period in days (default 7). */
    @Min(1)
    @Max(92)
    private Integer windowDays;

    /** PAT_VBP_SHARE: percentage points the prescriber's selected-product share is below the department's (default 30). */
    @Min(1)
    @Max(100)
    private Integer gapPoints;

    /** PAT_ANTIBIOTIC_KPI: outpatient prescriptions with an antibiotic, percent target (default 20). */
    @Min(1)
    @Max(100)
    private Integer outpatientPercent;

    /** PAT_ANTIBIOTIC_KPI: emergency prescriptions with an antibiotic, percent target (default 40). */
    @Min(1)
    @Max(100)
    private Integer emergencyPercent;

    /** PAT_ANTIBIOTIC_KPI: inpatient antibiotic use rate (patient-days), percent target (default 60). */
    @Min(1)
    @Max(100)
    private Integer inpatientPercent;

    /** Pattern rules: days an accepted justification suppresses the same finding (default 90). */
    @Min(1)
    @Max(3650)
    private Integer suppressDays;

    @NotNull
    private Map<String, @Valid RuleSettings> departments = new LinkedHashMap<>();

    /** Rule codes are compared ignoring case and separators, since Spring drops '_' from unbracketed map keys. */
    public static String normalizeCode(String code) {
        return code.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Severity getSeverity() {
        return severity;
    }

    public void setSeverity(Severity severity) {
        this.severity = severity;
    }

    public Integer getOutpatientDays() {
        return outpatientDays;
    }

    public void setOutpatientDays(Integer outpatientDays) {
        this.outpatientDays = outpatientDays;
    }

    public Integer getEmergencyDays() {
        return emergencyDays;
    }

    public void setEmergencyDays(Integer emergencyDays) {
        this.emergencyDays = emergencyDays;
    }

    public Integer getChronicDays() {
        return chronicDays;
    }

    public void setChronicDays(Integer chronicDays) {
        this.chronicDays = chronicDays;
    }

    public Integer getMaxItems() {
        return maxItems;
    }

    public void setMaxItems(Integer maxItems) {
        this.maxItems = maxItems;
    }

    public BigDecimal getOutpatientAmount() {
        return outpatientAmount;
    }

    public void setOutpatientAmount(BigDecimal outpatientAmount) {
        this.outpatientAmount = outpatientAmount;
    }

    public BigDecimal getEmergencyAmount() {
        return emergencyAmount;
    }

    public void setEmergencyAmount(BigDecimal emergencyAmount) {
        this.emergencyAmount = emergencyAmount;
    }

    public BigDecimal getInpatientAmount() {
        return inpatientAmount;
    }

    public void setInpatientAmount(BigDecimal inpatientAmount) {
        this.inpatientAmount = inpatientAmount;
    }

    public Map<String, RuleSettings> getDepartments() {
        return departments;
    }

    public void setDepartments(Map<String, RuleSettings> departments) {
        this.departments = departments;
    }

    public Integer getInjectionDoses() {
        return injectionDoses;
    }

    public void setInjectionDoses(Integer injectionDoses) {
        this.injectionDoses = injectionDoses;
    }

    public Integer getControlledDays() {
        return controlledDays;
    }

    public void setControlledDays(Integer controlledDays) {
        this.controlledDays = controlledDays;
    }

    public Integer getControlledReleaseDays() {
        return controlledReleaseDays;
    }

    public void setControlledReleaseDays(Integer controlledReleaseDays) {
        this.controlledReleaseDays = controlledReleaseDays;
    }

    public Integer getPsychIiDays() {
        return psychIiDays;
    }

    public void setPsychIiDays(Integer psychIiDays) {
        this.psychIiDays = psychIiDays;
    }

    public Integer getAtcLevel() {
        return atcLevel;
    }

    public void setAtcLevel(Integer atcLevel) {
        this.atcLevel = atcLevel;
    }

    public Integer getLookbackDays() {
        return lookbackDays;
    }

    public void setLookbackDays(Integer lookbackDays) {
        this.lookbackDays = lookbackDays;
    }

    public Integer getCount() {
        return count;
    }

    public void setCount(Integer count) {
        this.count = count;
    }

    public Integer getCountAfterRestriction() {
        return countAfterRestriction;
    }

    public void setCountAfterRestriction(Integer countAfterRestriction) {
        this.countAfterRestriction = countAfterRestriction;
    }

    public List<String> getCategories() {
        return categories;
    }

    public void setCategories(List<String> categories) {
        this.categories = categories;
    }

    public Integer getMinutes() {
        return minutes;
    }

    public void setMinutes(Integer minutes) {
        this.minutes = minutes;
    }

    public String getWorkingHours() {
        return workingHours;
    }

    public void setWorkingHours(String workingHours) {
        this.workingHours = workingHours;
    }

    public Long getMaxRows() {
        return maxRows;
    }

    public void setMaxRows(Long maxRows) {
        this.maxRows = maxRows;
    }

    public BigDecimal getMinZ() {
        return minZ;
    }

    public void setMinZ(BigDecimal minZ) {
        this.minZ = minZ;
    }

    public Integer getMaxRank() {
        return maxRank;
    }

    public void setMaxRank(Integer maxRank) {
        this.maxRank = maxRank;
    }

    public Integer getMinPeers() {
        return minPeers;
    }

    public void setMinPeers(Integer minPeers) {
        this.minPeers = minPeers;
    }

    public Integer getMinPeerUsers() {
        return minPeerUsers;
    }

    public void setMinPeerUsers(Integer minPeerUsers) {
        this.minPeerUsers = minPeerUsers;
    }

    public Integer getMinVisits() {
        return minVisits;
    }

    public void setMinVisits(Integer minVisits) {
        this.minVisits = minVisits;
    }

    public BigDecimal getMinAmount() {
        return minAmount;
    }

    public void setMinAmount(BigDecimal minAmount) {
        this.minAmount = minAmount;
    }

    public Integer getMinPrescriptions() {
        return minPrescriptions;
    }

    public void setMinPrescriptions(Integer minPrescriptions) {
        this.minPrescriptions = minPrescriptions;
    }

    public Integer getTopN() {
        return topN;
    }

    public void setTopN(Integer topN) {
        this.topN = topN;
    }

    public Integer getPeriods() {
        return periods;
    }

    public void setPeriods(Integer periods) {
        this.periods = periods;
    }

    public Integer getAntibioticPeriods() {
        return antibioticPeriods;
    }

    public void setAntibioticPeriods(Integer antibioticPeriods) {
        this.antibioticPeriods = antibioticPeriods;
    }

    public Integer getIncreasePercent() {
        return increasePercent;
    }

    public void setIncreasePercent(Integer increasePercent) {
        this.increasePercent = increasePercent;
    }

    public Integer getWindowDays() {
        return windowDays;
    }

    public void setWindowDays(Integer windowDays) {
        this.windowDays = windowDays;
    }

    public Integer getGapPoints() {
        return gapPoints;
    }

    public void setGapPoints(Integer gapPoints) {
        this.gapPoints = gapPoints;
    }

    public Integer getOutpatientPercent() {
        return outpatientPercent;
    }

    public void setOutpatientPercent(Integer outpatientPercent) {
        this.outpatientPercent = outpatientPercent;
    }

    public Integer getEmergencyPercent() {
        return emergencyPercent;
    }

    public void setEmergencyPercent(Integer emergencyPercent) {
        this.emergencyPercent = emergencyPercent;
    }

    public Integer getInpatientPercent() {
        return inpatientPercent;
    }

    public void setInpatientPercent(Integer inpatientPercent) {
        this.inpatientPercent = inpatientPercent;
    }

    public Integer getSuppressDays() {
        return suppressDays;
    }

    public void setSuppressDays(Integer suppressDays) {
        this.suppressDays = suppressDays;
    }

    public BigDecimal getMinRatio() {
        return minRatio;
    }

    public void setMinRatio(BigDecimal minRatio) {
        this.minRatio = minRatio;
    }

    public List<java.time.LocalDate> getHolidays() {
        return holidays;
    }

    public void setHolidays(List<java.time.LocalDate> holidays) {
        this.holidays = holidays;
    }

    public List<java.time.LocalDate> getWorkdays() {
        return workdays;
    }

    public void setWorkdays(List<java.time.LocalDate> workdays) {
        this.workdays = workdays;
    }
}
