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

    /** STAT_BULK_EXTRACT: rows returned or exported above which a statistics query is a bulk extract (default 1000). */
    @Min(1)
    private Long maxRows;

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
}
