package org.qingfeng.connectors.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.model.Message;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qingfeng.config.reference.AntibioticTier;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.StaffMember;
import org.qingfeng.config.reference.StaffRole;
import org.qingfeng.config.reference.TitleLevel;
import org.qingfeng.connectors.privacy.PatientPseudonymizer;
import org.qingfeng.monitors.InMemoryReferenceData;
import org.qingfeng.monitors.event.LineStatus;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;

/** The field mapping table of interfaces.md §1, message by message, version by version. */
class Hl7PrescriptionMapperTest {

    private static Drug drug(String code) {
        return new Drug(
                code,
                "药" + code,
                null,
                null,
                "TABLET",
                "片",
                BigDecimal.ONE,
                AntibioticTier.NON_RESTRICTED,
                null,
                false,
                false,
                List.of(),
                false,
                null,
                null);
    }

    private final Hl7Codec codec = new Hl7Codec();
    private final Hl7PrescriptionMapper mapper = new Hl7PrescriptionMapper(
            InMemoryReferenceData.of(
                    List.of(drug("AMX"), drug("AML")),
                    List.of(new StaffMember(
                            "D9", "钱九", "RESP", "呼吸科", TitleLevel.SENIOR, StaffRole.PHYSICIAN, null, false, List.of())),
                    List.of()),
            new PatientPseudonymizer("unit-test-key-0123456789".getBytes(StandardCharsets.UTF_8)),
            ZoneId.of("Asia/Shanghai"));

    private Hl7PrescriptionMapper.Result map(String text) throws Exception {
        Message m = codec.parse(text);
        return mapper.map(m, Hl7Codec.header(m));
    }

    @Test
    void rdeO11WithTwoOrdersInOnePrescription() throws Exception {
        String text = "MSH|^~\\&|HIS|H1|QF|QF|20261120093000||RDE^O11^RDE_O11|C1|P|2.5\r"
                + "PID|||MRN1^^^H1^MR||张^三\r"
                + "PV1||E|W1^^^H1|||||||EMER\r"
                + "ORC|NW|O1||G1|||||202611200925|||D9^钱^九|||||CARD^心内科\r"
                + "RXE|^BID|AMX^阿莫西林^LOCAL|2||粒|||||24|粒||||||||||||||||J18\r"
                + "NTE|1||家属远程|JUST\r"
                + "ORC|NW|O2||G1|||||202611200925|||D9^钱^九\r"
                + "RXE|^QD|AML^氨氯地平|1||片|||||84|片\r"
                + "TQ1|||QD|||12^wk\r"
                + "RXR|PO\r"
                + "NTE|1||高血压|CHRONIC\r";
        Hl7PrescriptionMapper.Result r = map(text);
        assertThat(r.problems()).isEmpty();
        assertThat(r.message().prescriptions()).hasSize(1);
        Prescription rx = r.message().prescriptions().get(0);
        assertThat(rx.facility()).isEqualTo("H1");
        assertThat(rx.prescriptionNo()).isEqualTo("G1");
        assertThat(rx.patientClass()).isEqualTo(PatientClass.EMERGENCY);
        assertThat(rx.patientKey()).startsWith("P").hasSize(33);
        assertThat(rx.departmentCode()).isEqualTo("CARD");
        assertThat(rx.departmentName()).isEqualTo("心内科");
        assertThat(rx.prescriberId()).isEqualTo("D9");
        assertThat(rx.prescriberName()).isEqualTo("钱九");
        assertThat(rx.orderedAt()).isEqualTo(Instant.parse("2026-11-20T01:25:00Z"));

        PrescriptionLine amx = rx.lines().get(0);
        assertThat(amx.placerOrderNo()).isEqualTo("O1");
        assertThat(amx.itemCode()).isEqualTo("AMX");
        assertThat(amx.itemName()).isEqualTo("阿莫西林");
        assertThat(amx.frequency()).isEqualTo("BID");
        assertThat(amx.daysSupply()).isEqualByComparingTo("6"); // 24 ÷ (2 × 2)
        assertThat(amx.indication()).isEqualTo("J18");
        assertThat(amx.justification()).isEqualTo("家属远程");

        PrescriptionLine aml = rx.lines().get(1);
        assertThat(aml.daysSupply()).isEqualByComparingTo("84"); // TQ1-6 = 12 weeks
        assertThat(aml.route()).isEqualTo("PO");
        assertThat(aml.chronic()).isTrue();
        assertThat(aml.justification()).isNull();
    }

    @Test
    void ormO01WithRxoInVersion23AndDepartmentFromTheRoster() throws Exception {
        String text = "MSH|^~\\&|HIS|H1|QF|QF|20261120093000||ORM^O01|C2|P|2.3\r"
                + "PID|||MRN2\r"
                + "PV1||O\r"
                + "ORC|NW|O3|||||||20261120|||D9^钱^九\r"
                + "RXO|AMX^阿莫西林|1||粒|||||||21|粒||||||||J20\r";
        Prescription rx = map(text).message().prescriptions().get(0);
        assertThat(rx.prescriptionNo()).isEqualTo("O3"); // no ORC-4: the placer order number
        assertThat(rx.departmentCode()).isEqualTo("RESP");
        PrescriptionLine line = rx.lines().get(0);
        assertThat(line.itemCode()).isEqualTo("AMX");
        assertThat(line.quantity()).isEqualByComparingTo("21");
        assertThat(line.indication()).isEqualTo("J20");
    }

    @Test
    void cancelAndDiscontinueChangeTheLineState() throws Exception {
        String base = "MSH|^~\\&|HIS|H1|QF|QF|20261120||RDE^O11|C3|P|2.5\rPID|||M\rPV1||I\r";
        assertThat(map(base + "ORC|CA|O1\r")
                        .message()
                        .prescriptions()
                        .get(0)
                        .lines()
                        .get(0)
                        .status())
                .isEqualTo(LineStatus.CANCELLED);
        assertThat(map(base + "ORC|DC|O1\r")
                        .message()
                        .prescriptions()
                        .get(0)
                        .lines()
                        .get(0)
                        .status())
                .isEqualTo(LineStatus.DISCONTINUED);
    }

    @Test
    void everyContentProblemIsReportedWithItsLocation() throws Exception {
        String text = "MSH|^~\\&|HIS|H1|QF|QF|20261120||RDE^O11|C4|P|2.5\r"
                + "PID|||M\r"
                + "ORC|NW|O1\r"
                + "RXE|^QD|NOPE|x||片|||||7|片\r";
        assertThat(map(text).problems())
                .extracting(FieldProblem::location)
                .containsExactly("ORC^1^12", "RXE^1^2", "RXE^1^3");
    }
}
