package org.qingfeng.config.reference;

import java.math.BigDecimal;
import java.util.List;

/** One row of the drug and consumable catalog (interfaces.md §4, {@code drugs}). */
public record Drug(
        String code,
        String name,
        String genericName,
        String atcCode,
        String form,
        String unit,
        BigDecimal unitPrice,
        AntibioticTier antibioticTier,
        ControlledClass controlledClass,
        boolean controlledRelease,
        boolean keyMonitored,
        List<String> indicationPrefixes,
        boolean highValueConsumable,
        VbpStatus vbpStatus,
        String enterpriseCode) {

    public Drug {
        indicationPrefixes = List.copyOf(indicationPrefixes);
    }

    /** Chinese herbal decoction pieces (中药饮片) are not counted as drug items of a prescription. */
    public boolean isHerbalPieces() {
        return form != null && (form.equalsIgnoreCase("HERBAL_PIECES") || form.equals("饮片"));
    }
}
