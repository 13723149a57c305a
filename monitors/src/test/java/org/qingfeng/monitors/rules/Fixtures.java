package org.qingfeng.monitors.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.reference.AntibioticTier;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.StaffMember;
import org.qingfeng.config.reference.StaffRole;
import org.qingfeng.config.reference.TitleLevel;
import org.qingfeng.monitors.InMemoryReferenceData;
import org.qingfeng.monitors.ReferenceData;
import org.qingfeng.monitors.event.LineStatus;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;

/** A small catalog and roster, and builders for prescriptions, shared by the rule tests. */
final class Fixtures {
    private Fixtures() {}

    static Drug drug(String code, String price, AntibioticTier tier, String form) {
        return new Drug(
                code,
                "药品" + code,
                null,
                "C08CA01",
                form,
                "片",
                new BigDecimal(price),
                tier,
                null,
                false,
                false,
                List.of(),
                false,
                null,
                null);
    }

    static final Map<String, Drug> DRUGS = Map.of(
            "AML", drug("AML", "0.15", null, "TABLET"),
            "AMX", drug("AMX", "0.35", AntibioticTier.NON_RESTRICTED, "CAPSULE"),
            "LEV", drug("LEV", "1.20", AntibioticTier.RESTRICTED, "TABLET"),
            "MER", drug("MER", "98.00", AntibioticTier.SPECIAL, "INJECTION"),
            "HER", drug("HER", "0.10", null, "HERBAL_PIECES"),
            "TRA", drug("TRA", "100.00", null, "INJECTION"));

    static final Map<String, StaffMember> STAFF = Map.of(
            "J1", staff("J1", TitleLevel.JUNIOR, null),
            "M1", staff("M1", TitleLevel.INTERMEDIATE, null),
            "S1", staff("S1", TitleLevel.SENIOR, null),
            "MX", staff("MX", TitleLevel.INTERMEDIATE, AntibioticTier.SPECIAL));

    static StaffMember staff(String id, TitleLevel level, AntibioticTier override) {
        return new StaffMember(id, "医师" + id, "CARD", "心血管内科", level, StaffRole.PHYSICIAN, override, false, List.of());
    }

    static final ReferenceData REFERENCE = new InMemoryReferenceData(DRUGS, STAFF);

    static RuleContext context(RuleSettings settings, String department) {
        return new RuleContext(REFERENCE, settings, department);
    }

    static RuleContext defaults() {
        return context(new RuleSettings(), "CARD");
    }

    static PrescriptionLine line(String no, String item, String quantity, String days) {
        return new PrescriptionLine(
                no,
                LineStatus.ACTIVE,
                item,
                "药品" + item,
                BigDecimal.ONE,
                "片",
                new BigDecimal(quantity),
                "片",
                "QD",
                days == null ? null : new BigDecimal(days),
                "PO",
                null,
                null,
                false);
    }

    static PrescriptionLine justified(PrescriptionLine l, String reason) {
        return l.withJustification(reason);
    }

    static PrescriptionLine chronic(PrescriptionLine l) {
        return l.asChronic();
    }

    static PrescriptionLine cancelled(PrescriptionLine l) {
        return l.withStatus(LineStatus.CANCELLED);
    }

    static Prescription rx(PatientClass patientClass, String prescriber, PrescriptionLine... lines) {
        return new Prescription(
                "H1",
                "RX1",
                "P0001",
                patientClass,
                "CARD",
                "心血管内科",
                prescriber,
                null,
                Instant.parse("2026-11-20T01:00:00Z"),
                Arrays.asList(lines));
    }
}
