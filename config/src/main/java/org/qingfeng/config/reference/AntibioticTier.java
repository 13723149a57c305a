package org.qingfeng.config.reference;

/** Antibiotic use tiers of 抗菌药物临床应用管理办法, lowest first. */
public enum AntibioticTier {
    /** 非限制使用级 */
    NON_RESTRICTED,
    /** 限制使用级 */
    RESTRICTED,
    /** 特殊使用级 */
    SPECIAL;

    public boolean above(AntibioticTier other) {
        return other == null || compareTo(other) > 0;
    }
}
