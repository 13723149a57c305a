package org.qingfeng.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
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
}
