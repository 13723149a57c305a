package org.qingfeng.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;

/**
 * {@code qingfeng.review.*}: the monthly 处方点评 sample (医院处方点评管理规范（试行） §13: outpatient prescriptions at least
 * 1‰ and at least 100, inpatient orders at least 1 % and at least 30).
 */
public class ReviewProperties {

    @DecimalMin("0.0001")
    @DecimalMax("1")
    private BigDecimal outpatientRate = new BigDecimal("0.001");

    @Min(1)
    private int outpatientMinimum = 100;

    @DecimalMin("0.0001")
    @DecimalMax("1")
    private BigDecimal inpatientRate = new BigDecimal("0.01");

    @Min(1)
    private int inpatientMinimum = 30;

    public BigDecimal getOutpatientRate() {
        return outpatientRate;
    }

    public void setOutpatientRate(BigDecimal outpatientRate) {
        this.outpatientRate = outpatientRate;
    }

    public int getOutpatientMinimum() {
        return outpatientMinimum;
    }

    public void setOutpatientMinimum(int outpatientMinimum) {
        this.outpatientMinimum = outpatientMinimum;
    }

    public BigDecimal getInpatientRate() {
        return inpatientRate;
    }

    public void setInpatientRate(BigDecimal inpatientRate) {
        this.inpatientRate = inpatientRate;
    }

    public int getInpatientMinimum() {
        return inpatientMinimum;
    }

    public void setInpatientMinimum(int inpatientMinimum) {
        this.inpatientMinimum = inpatientMinimum;
    }
}
