package org.qingfeng.connectors.hl7;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qingfeng.config.reference.StaffMember;
import org.qingfeng.connectors.mapping.DaysSupply;
import org.qingfeng.connectors.privacy.PatientPseudonymizer;
import org.qingfeng.monitors.ReferenceData;
import org.qingfeng.monitors.event.LineStatus;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;

/**
 * Maps a parsed pharmacy message of any version 2.3–2.8 to prescriptions, by field meaning (interfaces.md §1), and
 * reports every content problem with its location. Segments are read in the order they were sent, so one ORC
 * starts one order and the RXE/RXO/RXD, TQ1, RXR and NTE that follow belong to it.
 */
public final class Hl7PrescriptionMapper {

    private final ReferenceData reference;
    private final PatientPseudonymizer pseudonymizer;
    private final ZoneId localZone;

    public Hl7PrescriptionMapper(ReferenceData reference, PatientPseudonymizer pseudonymizer, ZoneId localZone) {
        this.reference = reference;
        this.pseudonymizer = pseudonymizer;
        this.localZone = localZone;
    }

    /** The outcome: either a mapped message or the problems that make it unacceptable (AE). */
    public record Result(MappedMessage message, List<FieldProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Result map(Message message, Hl7Header header) {
        LineKind kind = kindOf(header.messageType());
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Segment pid = null;
        Segment pv1 = null;
        List<OrderDraft> orders = new ArrayList<>();
        OrderDraft current = null;
        for (Segment segment : inOrder(message)) {
            String name = segment.getName().length() > 3 ? segment.getName().substring(0, 3) : segment.getName();
            int index = seen.merge(name, 1, Integer::sum) - 1;
            switch (name) {
                case "PID" -> pid = pid == null ? segment : pid;
                case "PV1" -> pv1 = pv1 == null ? segment : pv1;
                case "ORC" -> {
                    current = new OrderDraft(segment, index + 1);
                    orders.add(current);
                }
                case "RXE", "RXO", "RXD", "RXA", "TQ1", "RXR", "NTE" -> {
                    if (current != null) {
                        current.attach(name, segment, index + 1);
                    }
                }
                default -> {
                    // other segments (IN1, AL1, PRT, FT1…) carry nothing the monitors use
                }
            }
        }
        if (orders.isEmpty() && kind != LineKind.ADMINISTRATION) {
            problems.add(new FieldProblem(
                    "ORC", 1, 0, ErrorCode.SEGMENT_SEQUENCE_ERROR, "the message carries no order (ORC segment)"));
            return new Result(null, problems);
        }
        String facility = firstNonNull(header.sendingFacility(), header.sendingApplication(), "UNKNOWN");
        String patientKey = pid == null
                ? null
                : pseudonymizer.pseudonym(Hl7Fields.get(pid, 3, 0, 4, 1), Hl7Fields.get(pid, 3, 0, 1, 1));
        PatientClass patientClass = PatientClass.fromHl7(Hl7Fields.get(pv1, 2, 1));
        Instant messageTime = Hl7Timestamps.parse(header.timestamp(), localZone);

        Map<String, List<OrderDraft>> byPrescription = new LinkedHashMap<>();
        for (OrderDraft order : orders) {
            order.validate(kind, patientKey, problems);
            byPrescription
                    .computeIfAbsent(order.prescriptionNo(), k -> new ArrayList<>())
                    .add(order);
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        List<Prescription> prescriptions = new ArrayList<>();
        for (Map.Entry<String, List<OrderDraft>> e : byPrescription.entrySet()) {
            OrderDraft first = e.getValue().get(0);
            String prescriberId = Hl7Fields.get(first.orc, 12, 1);
            StaffMember staff = reference.staff(prescriberId).orElse(null);
            String[] department = department(first.orc, pv1, staff);
            Instant orderedAt = Hl7Timestamps.parse(Hl7Fields.get(first.orc, 9, 1), localZone);
            prescriptions.add(new Prescription(
                    facility,
                    e.getKey(),
                    patientKey,
                    patientClass,
                    department[0],
                    department[1],
                    prescriberId,
                    prescriberName(first.orc, staff),
                    orderedAt != null ? orderedAt : messageTime,
                    e.getValue().stream().map(o -> o.line(kind)).toList()));
        }
        return new Result(new MappedMessage(header, kind, prescriptions), List.of());
    }

    static LineKind kindOf(String messageType) {
        return switch (messageType == null ? "" : messageType) {
            case "RDS" -> LineKind.DISPENSE;
            case "RAS" -> LineKind.ADMINISTRATION;
            default -> LineKind.ORDER;
        };
    }

    /**
     * The segments in the order they were sent. HAPI's generic model keeps consecutive repetitions under one name and
     * names a segment that comes back later with a suffix (ORC, ORC2, …), so its structure names are in send order.
     */
    private static List<Segment> inOrder(Message message) {
        List<Segment> segments = new ArrayList<>();
        try {
            for (String name : message.getNames()) {
                for (ca.uhn.hl7v2.model.Structure s : message.getAll(name)) {
                    if (s instanceof Segment segment) {
                        segments.add(segment);
                    }
                }
            }
        } catch (HL7Exception e) {
            throw new IllegalStateException("cannot read the parsed message", e);
        }
        return segments;
    }

    private static String[] department(Segment orc, Segment pv1, StaffMember staff) {
        String code = Hl7Fields.get(orc, 17, 1);
        if (code != null) {
            return new String[] {code, Hl7Fields.get(orc, 17, 2)};
        }
        code = Hl7Fields.get(pv1, 10, 1);
        if (code != null) {
            return new String[] {code, null};
        }
        return staff == null
                ? new String[] {null, null}
                : new String[] {staff.departmentCode(), staff.departmentName()};
    }

    private static String prescriberName(Segment orc, StaffMember staff) {
        String family = Hl7Fields.get(orc, 12, 2);
        String given = Hl7Fields.get(orc, 12, 3);
        if (family == null && given == null) {
            return staff == null ? null : staff.name();
        }
        // Chinese names are written family name first, without a space.
        return (family == null ? "" : family) + (given == null ? "" : given);
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** One ORC and the segments that follow it, until the next ORC. */
    private final class OrderDraft {
        final Segment orc;
        final int orcRep;
        Segment give; // RXE, else RXO (ORM/OMP), else RXD (RDS)
        String giveName;
        int giveRep;
        Segment rxd;
        int rxdRep;
        Segment tq1;
        int tq1Rep;
        Segment rxr;
        String justification;
        boolean chronic;

        OrderDraft(Segment orc, int orcRep) {
            this.orc = orc;
            this.orcRep = orcRep;
        }

        void attach(String name, Segment segment, int rep) {
            switch (name) {
                case "RXE" -> {
                    give = segment;
                    giveName = name;
                    giveRep = rep;
                }
                case "RXO" -> {
                    if (give == null) {
                        give = segment;
                        giveName = name;
                        giveRep = rep;
                    }
                }
                case "RXD" -> {
                    rxd = rxd == null ? segment : rxd;
                    rxdRep = rxd == segment ? rep : rxdRep;
                }
                case "TQ1" -> {
                    if (tq1 == null) {
                        tq1 = segment;
                        tq1Rep = rep;
                    }
                }
                case "RXR" -> rxr = rxr == null ? segment : rxr;
                case "NTE" -> note(segment);
                default -> {}
            }
        }

        private void note(Segment nte) {
            String type = Hl7Fields.get(nte, 4, 1);
            if ("JUST".equalsIgnoreCase(type)) {
                String text = Hl7Fields.get(nte, 3, 1);
                justification = text == null ? "" : text;
            } else if ("CHRONIC".equalsIgnoreCase(type)) {
                chronic = true;
            }
        }

        String orderControl() {
            String oc = Hl7Fields.get(orc, 1, 1);
            return oc == null ? "NW" : oc.toUpperCase(java.util.Locale.ROOT);
        }

        String placerOrderNo() {
            return Hl7Fields.get(orc, 2, 1);
        }

        String prescriptionNo() {
            String group = Hl7Fields.get(orc, 4, 1);
            return group != null ? group : placerOrderNo();
        }

        /** Item segment and field: RXD-2 for dispenses, RXE-2 or RXO-1 for orders. */
        private Segment itemSegment(LineKind kind) {
            return kind == LineKind.DISPENSE && rxd != null ? rxd : give;
        }

        private int itemField(LineKind kind) {
            if (kind == LineKind.DISPENSE && rxd != null) {
                return 2;
            }
            return "RXO".equals(giveName) ? 1 : 2;
        }

        private String itemSegmentName(LineKind kind) {
            return kind == LineKind.DISPENSE && rxd != null ? "RXD" : giveName;
        }

        private int itemSegmentRep(LineKind kind) {
            return kind == LineKind.DISPENSE && rxd != null ? rxdRep : giveRep;
        }

        void validate(LineKind kind, String patientKey, List<FieldProblem> problems) {
            if (placerOrderNo() == null) {
                problems.add(new FieldProblem(
                        "ORC", orcRep, 2, ErrorCode.REQUIRED_FIELD_MISSING, "placer order number is missing"));
            }
            boolean creates = orderControl().equals("NW") || orderControl().equals("XO");
            if (!creates || kind == LineKind.ADMINISTRATION) {
                return;
            }
            if (Hl7Fields.get(orc, 12, 1) == null) {
                problems.add(new FieldProblem(
                        "ORC", orcRep, 12, ErrorCode.REQUIRED_FIELD_MISSING, "ordering provider (ORC-12) is missing"));
            }
            if (patientKey == null) {
                problems.add(new FieldProblem(
                        "PID", 1, 3, ErrorCode.REQUIRED_FIELD_MISSING, "patient ID (PID-3) is missing"));
            }
            Segment item = itemSegment(kind);
            if (item == null) {
                String expected = kind == LineKind.DISPENSE ? "RXD" : "RXE or RXO";
                problems.add(new FieldProblem(
                        "ORC", orcRep, 0, ErrorCode.SEGMENT_SEQUENCE_ERROR, "order has no " + expected + " segment"));
                return;
            }
            String code = Hl7Fields.get(item, itemField(kind), 1);
            String segName = itemSegmentName(kind);
            int segRep = itemSegmentRep(kind);
            if (code == null) {
                problems.add(new FieldProblem(
                        segName, segRep, itemField(kind), ErrorCode.REQUIRED_FIELD_MISSING, "drug code is missing"));
            } else if (reference.drug(code).isEmpty()) {
                problems.add(new FieldProblem(
                        segName,
                        segRep,
                        itemField(kind),
                        ErrorCode.TABLE_VALUE_NOT_FOUND,
                        "drug code '" + code + "' is not in the drug catalog"));
            }
            checkNumber(give, giveName, giveRep, doseField(), problems);
            checkNumber(give, giveName, giveRep, quantityField(), problems);
        }

        private void checkNumber(Segment s, String name, int rep, int field, List<FieldProblem> problems) {
            String v = Hl7Fields.get(s, field, 1);
            if (v != null && decimal(v) == null) {
                problems.add(
                        new FieldProblem(name, rep, field, ErrorCode.DATA_TYPE_ERROR, "'" + v + "' is not a number"));
            }
        }

        private int doseField() {
            return "RXO".equals(giveName) ? 2 : 3;
        }

        private int doseUnitField() {
            return "RXO".equals(giveName) ? 4 : 5;
        }

        private int quantityField() {
            return "RXO".equals(giveName) ? 11 : 10;
        }

        private int quantityUnitField() {
            return "RXO".equals(giveName) ? 12 : 11;
        }

        PrescriptionLine line(LineKind kind) {
            Segment item = itemSegment(kind);
            int itemField = itemField(kind);
            BigDecimal dose = decimal(Hl7Fields.get(give, doseField(), 1));
            String doseUnit = Hl7Fields.get(give, doseUnitField(), 1);
            BigDecimal quantity;
            String quantityUnit;
            if (kind == LineKind.DISPENSE && rxd != null) {
                quantity = decimal(Hl7Fields.get(rxd, 4, 1));
                quantityUnit = Hl7Fields.get(rxd, 5, 1);
            } else {
                quantity = decimal(Hl7Fields.get(give, quantityField(), 1));
                quantityUnit = Hl7Fields.get(give, quantityUnitField(), 1);
            }
            String frequency = Hl7Fields.get(tq1, 3, 1);
            if (frequency == null && "RXE".equals(giveName)) {
                frequency = Hl7Fields.get(give, 1, 0, 2, 1);
            }
            String indicationField = "RXO".equals(giveName) ? "20" : "27";
            return new PrescriptionLine(
                    placerOrderNo(),
                    lineStatus(orderControl()),
                    Hl7Fields.get(item, itemField, 1),
                    Hl7Fields.get(item, itemField, 2),
                    dose,
                    doseUnit,
                    quantity,
                    quantityUnit,
                    frequency,
                    DaysSupply.of(
                            Hl7Fields.get(tq1, 6, 1),
                            Hl7Fields.get(tq1, 6, 2),
                            dose,
                            doseUnit,
                            quantity,
                            quantityUnit,
                            frequency),
                    Hl7Fields.get(rxr, 1, 1),
                    Hl7Fields.get(give, Integer.parseInt(indicationField), 1),
                    justification,
                    chronic);
        }
    }

    /** ORC-1 order control → line state: NW/XO keep the line active, CA cancels, DC discontinues. */
    static LineStatus lineStatus(String orderControl) {
        return switch (orderControl) {
            case "CA", "OC", "CR" -> LineStatus.CANCELLED;
            case "DC", "OD", "DR" -> LineStatus.DISCONTINUED;
            default -> LineStatus.ACTIVE;
        };
    }

    static BigDecimal decimal(String v) {
        return DaysSupply.decimal(v);
    }
}
