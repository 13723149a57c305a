package org.qingfeng.connectors.hl7;

/** The MSH fields the acknowledgement policy looks at. */
public record Hl7Header(
        String sendingApplication,
        String sendingFacility,
        String messageType,
        String triggerEvent,
        String controlId,
        String processingId,
        String version,
        String timestamp) {

    /** The header of input whose MSH could not be read. */
    public static final Hl7Header UNKNOWN = new Hl7Header(null, null, null, null, null, null, null, null);

    /** Who sent it: duplicates are detected per sender and control ID. */
    public String sender() {
        return nz(sendingApplication) + "^" + nz(sendingFacility);
    }

    public String typeAndEvent() {
        return nz(messageType) + "^" + nz(triggerEvent);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
