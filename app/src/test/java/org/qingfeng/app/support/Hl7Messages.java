package org.qingfeng.app.support;

import java.util.UUID;

/** Builds RDE^O11 test messages from the demo catalog and roster; segments end with CR. */
public final class Hl7Messages {
    private Hl7Messages() {}

    public static String controlId() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** One outpatient prescription of amlodipine for 7 days by D0001: violates nothing. */
    public static String compliantRde(String controlId) {
        return rde(controlId, "2.5", "D0001^赵^丽", line(controlId + "-1", "Y00061^氨氯地平片", "14", "BID", "7"));
    }

    /** An outpatient prescription over the 7-day limit (14 days). */
    public static String longRde(String controlId) {
        return rde(controlId, "2.5", "D0001^赵^丽", line(controlId + "-1", "Y00061^氨氯地平片", "28", "BID", "14"));
    }

    public static String rde(String controlId, String version, String prescriber, String... orders) {
        StringBuilder m = new StringBuilder();
        m.append("MSH|^~\\&|HIS|QF-HOSP|QINGFENG|QF|20261120093000||RDE^O11^RDE_O11|")
                .append(controlId)
                .append("|P|")
                .append(version)
                .append("\r");
        m.append("PID|||MRN").append(controlId).append("^^^QF-HOSP^MR||张^三||19800101|M\r");
        m.append("PV1||O|CARD\r");
        for (String order : orders) {
            m.append(order.replace("{{RX}}", "RX" + controlId).replace("{{PRESCRIBER}}", prescriber));
        }
        return m.toString();
    }

    /** One order group: ORC + RXE + TQ1 + RXR. */
    public static String line(String placer, String item, String quantity, String frequency, String days) {
        return "ORC|NW|" + placer + "||{{RX}}|||||20261120092500|||{{PRESCRIBER}}|||||CARD^心血管内科\r"
                + "RXE|^" + frequency + "|" + item + "^LOCAL|1||片|||||" + quantity + "|片\r"
                + "TQ1|||" + frequency + "|||" + days + "^d\r"
                + "RXR|PO\r";
    }
}
