package org.qingfeng.config.reference;

/** Professional title level, which sets the default antibiotic privilege. */
public enum TitleLevel {
    /** 初级 → 非限制使用级 */
    JUNIOR(AntibioticTier.NON_RESTRICTED),
    /** 中级 → 限制使用级 */
    INTERMEDIATE(AntibioticTier.RESTRICTED),
    /** 高级 → 特殊使用级 */
    SENIOR(AntibioticTier.SPECIAL);

    private final AntibioticTier defaultAntibioticTier;

    TitleLevel(AntibioticTier defaultAntibioticTier) {
        this.defaultAntibioticTier = defaultAntibioticTier;
    }

    public AntibioticTier defaultAntibioticTier() {
        return defaultAntibioticTier;
    }
}
