package org.qingfeng.monitors.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.qingfeng.config.RuleSettings;
import org.qingfeng.config.reference.AntibioticTier;
import org.qingfeng.config.reference.ControlledClass;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.Enterprise;
import org.qingfeng.config.reference.StaffMember;
import org.qingfeng.config.reference.StaffRole;
import org.qingfeng.config.reference.TitleLevel;
import org.qingfeng.config.reference.VbpStatus;
import org.qingfeng.monitors.InMemoryReferenceData;
import org.qingfeng.monitors.ReferenceData;
import org.qingfeng.monitors.event.LineStatus;
import org.qingfeng.monitors.event.OtherOrder;
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

    /** A catalog entry with the fields the newer rules read. */
    static Drug drug(
            String code,
            String generic,
            String atc,
            String form,
            ControlledClass controlled,
            boolean controlledRelease,
            List<String> indications,
            VbpStatus vbp,
            String enterprise) {
        return new Drug(
                code,
                "药品" + code,
                generic,
                atc,
                form,
                "片",
                new BigDecimal("1.00"),
                null,
                controlled,
                controlledRelease,
                !indications.isEmpty(),
                indications,
                false,
                vbp,
                enterprise);
    }

    static final Map<String, Drug> DRUGS = Map.ofEntries(
            Map.entry("AML", drug("AML", "0.15", null, "TABLET")),
            Map.entry("AMX", drug("AMX", "0.35", AntibioticTier.NON_RESTRICTED, "CAPSULE")),
            Map.entry("LEV", drug("LEV", "1.20", AntibioticTier.RESTRICTED, "TABLET")),
            Map.entry("MER", drug("MER", "98.00", AntibioticTier.SPECIAL, "INJECTION")),
            Map.entry("HER", drug("HER", "0.10", null, "HERBAL_PIECES")),
            Map.entry("TRA", drug("TRA", "100.00", null, "INJECTION")),
            // controlled drugs
            Map.entry(
                    "MOR",
                    drug("MOR", "吗啡", "N02AA01", "INJECTION", ControlledClass.NARCOTIC, false, List.of(), null, null)),
            Map.entry(
                    "OXY",
                    drug("OXY", "羟考酮", "N02AA05", "TABLET", ControlledClass.NARCOTIC, true, List.of(), null, null)),
            Map.entry(
                    "TRI",
                    drug("TRI", "三唑仑", "N05CD05", "TABLET", ControlledClass.PSYCH_I, false, List.of(), null, null)),
            Map.entry(
                    "EST",
                    drug("EST", "艾司唑仑", "N05CD04", "TABLET", ControlledClass.PSYCH_II, false, List.of(), null, null)),
            // same ATC level 4 (C09AA): two ACE inhibitors
            Map.entry("ENA", drug("ENA", "依那普利", "C09AA02", "TABLET", null, false, List.of(), null, null)),
            Map.entry("BEN", drug("BEN", "贝那普利", "C09AA07", "TABLET", null, false, List.of(), null, null)),
            // indication-checked (key monitored)
            Map.entry(
                    "GAN", drug("GAN", "神经节苷脂", "N07XX", "INJECTION", null, false, List.of("I63", "S06"), null, null)),
            // indications listed but not key monitored: not checked
            Map.entry(
                    "CEF",
                    new Drug(
                            "CEF",
                            "头孢",
                            "头孢",
                            "J01DB",
                            "TABLET",
                            "片",
                            BigDecimal.ONE,
                            null,
                            null,
                            false,
                            false,
                            List.of("J"),
                            false,
                            null,
                            null)),
            // VBP: a selected and a non-selected product of one generic
            Map.entry(
                    "ATV1",
                    drug("ATV1", "阿托伐他汀", "C10AA05", "TABLET", null, false, List.of(), VbpStatus.SELECTED, "E1")),
            Map.entry(
                    "ATV2",
                    drug("ATV2", "阿托伐他汀", "C10AA05", "TABLET", null, false, List.of(), VbpStatus.NON_SELECTED, "E2")),
            Map.entry(
                    "ROS2",
                    drug("ROS2", "瑞舒伐他汀", "C10AA07", "TABLET", null, false, List.of(), VbpStatus.NON_SELECTED, "E2")),
            // products of a blacklisted enterprise
            Map.entry("BAD", drug("BAD", "某药", "A11", "TABLET", null, false, List.of(), null, "EBAD")));

    static final Map<String, Enterprise> ENTERPRISES = Map.of(
            "E1", new Enterprise("E1", "合规药业", false, null, null),
            "E2", new Enterprise("E2", "普通药业", false, null, null),
            "EBAD", new Enterprise("EBAD", "问题药业", true, LocalDate.parse("2026-06-01"), "商业贿赂判决"));

    static final Map<String, StaffMember> STAFF = Map.of(
            "J1", staff("J1", TitleLevel.JUNIOR, null),
            "M1", staff("M1", TitleLevel.INTERMEDIATE, null),
            "S1", staff("S1", TitleLevel.SENIOR, null),
            "MX", staff("MX", TitleLevel.INTERMEDIATE, AntibioticTier.SPECIAL),
            "NC",
                    new StaffMember(
                            "NC",
                            "医师NC",
                            "ONCO",
                            "肿瘤科",
                            TitleLevel.SENIOR,
                            StaffRole.PHYSICIAN,
                            null,
                            true,
                            List.of()));

    static StaffMember staff(String id, TitleLevel level, AntibioticTier override) {
        return new StaffMember(id, "医师" + id, "CARD", "心血管内科", level, StaffRole.PHYSICIAN, override, false, List.of());
    }

    static final ReferenceData REFERENCE = new InMemoryReferenceData(DRUGS, STAFF, ENTERPRISES);

    static RuleContext context(RuleSettings settings, String department) {
        return new RuleContext(REFERENCE, settings, department);
    }

    static RuleContext context(RuleSettings settings, String department, List<OtherOrder> otherOrders) {
        return new RuleContext(REFERENCE, settings, department, otherOrders);
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

    /** A line with dose, route and indication, for the controlled-drug and indication rules. */
    static PrescriptionLine line(
            String no,
            String item,
            String dose,
            String doseUnit,
            String quantity,
            String unit,
            String days,
            String route,
            String indication) {
        return new PrescriptionLine(
                no,
                LineStatus.ACTIVE,
                item,
                "药品" + item,
                dose == null ? null : new BigDecimal(dose),
                doseUnit,
                new BigDecimal(quantity),
                unit,
                "QD",
                days == null ? null : new BigDecimal(days),
                route,
                indication,
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
