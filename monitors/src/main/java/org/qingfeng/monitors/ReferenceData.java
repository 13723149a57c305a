package org.qingfeng.monitors;

import java.util.Optional;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.StaffMember;

/** Read access to the reference data a monitor may consult. Implementations must be thread-safe and fast. */
public interface ReferenceData {
    Optional<Drug> drug(String code);

    Optional<StaffMember> staff(String id);
}
