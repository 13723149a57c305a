package org.qingfeng.config.reference;

/** Controlled-drug classes (麻醉药品, 第一类/第二类精神药品). */
public enum ControlledClass {
    NARCOTIC,
    PSYCH_I,
    PSYCH_II
}
