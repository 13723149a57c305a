package org.qingfeng.monitors;

import java.util.List;
import java.util.Optional;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.Enterprise;
import org.qingfeng.config.reference.StaffMember;

/** Read access to the reference data a monitor may consult. Implementations must be thread-safe and fast. */
public interface ReferenceData {
    Optional<Drug> drug(String code);

    Optional<StaffMember> staff(String id);

    Optional<Enterprise> enterprise(String code);

    /** Catalog products of one generic name (通用名), for choosing between equivalent products. */
    List<Drug> drugsWithGeneric(String genericName);

    /** The roster ids of the staff who registered this terminal (IP or host name), in id order. */
    List<String> staffAtTerminal(String terminal);
}
