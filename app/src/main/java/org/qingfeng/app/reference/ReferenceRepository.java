package org.qingfeng.app.reference;

import java.util.List;
import org.qingfeng.config.reference.AntibioticTier;
import org.qingfeng.config.reference.ControlledClass;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.Enterprise;
import org.qingfeng.config.reference.ReferenceCsv;
import org.qingfeng.config.reference.StaffMember;
import org.qingfeng.config.reference.StaffRole;
import org.qingfeng.config.reference.TitleLevel;
import org.qingfeng.config.reference.VbpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/** Drug catalog, staff roster and enterprise tables. Each replace runs inside the caller's transaction. */
public class ReferenceRepository {

    private final JdbcTemplate jdbc;

    public ReferenceRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void replaceDrugs(List<Drug> drugs) {
        jdbc.update("DELETE FROM ref_drug");
        jdbc.batchUpdate(
                "INSERT INTO ref_drug (code, name, generic_name, atc_code, form, unit, unit_price, antibiotic_tier,"
                        + " controlled_class, controlled_release, key_monitored, indication_prefixes,"
                        + " high_value_consumable, vbp_status, enterprise_code) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                drugs.stream()
                        .map(d -> new Object[] {
                            d.code(),
                            d.name(),
                            d.genericName(),
                            d.atcCode(),
                            d.form(),
                            d.unit(),
                            d.unitPrice(),
                            name(d.antibioticTier()),
                            name(d.controlledClass()),
                            d.controlledRelease(),
                            d.keyMonitored(),
                            String.join(";", d.indicationPrefixes()),
                            d.highValueConsumable(),
                            name(d.vbpStatus()),
                            d.enterpriseCode()
                        })
                        .toList());
    }

    public void replaceStaff(List<StaffMember> staff) {
        jdbc.update("DELETE FROM ref_staff");
        jdbc.batchUpdate(
                "INSERT INTO ref_staff (id, name, department_code, department_name, title_level, role,"
                        + " antibiotic_tier_max, controlled_privilege, terminals) VALUES (?,?,?,?,?,?,?,?,?)",
                staff.stream()
                        .map(s -> new Object[] {
                            s.id(),
                            s.name(),
                            s.departmentCode(),
                            s.departmentName(),
                            s.titleLevel().name(),
                            s.role().name(),
                            name(s.antibioticTierMax()),
                            s.controlledPrivilege(),
                            String.join(";", s.terminals())
                        })
                        .toList());
    }

    public void replaceEnterprises(List<Enterprise> enterprises) {
        jdbc.update("DELETE FROM ref_enterprise");
        jdbc.batchUpdate(
                "INSERT INTO ref_enterprise (code, name, blacklisted, blacklisted_since, reason) VALUES (?,?,?,?,?)",
                enterprises.stream()
                        .map(e -> new Object[] {
                            e.code(),
                            e.name(),
                            e.blacklisted(),
                            e.blacklistedSince() == null ? null : java.sql.Date.valueOf(e.blacklistedSince()),
                            e.reason()
                        })
                        .toList());
    }

    public void replaceStatisticians(List<ReferenceCsv.Statistician> rows) {
        jdbc.update("DELETE FROM ref_statistician");
        jdbc.batchUpdate(
                "INSERT INTO ref_statistician (staff_id, scope, valid_from, valid_to, approved_by, ticket) VALUES (?,?,?,?,?,?)",
                rows.stream()
                        .map(r -> new Object[] {
                            r.staffId(),
                            r.scope(),
                            java.sql.Date.valueOf(r.validFrom()),
                            java.sql.Date.valueOf(r.validTo()),
                            r.approvedBy(),
                            r.ticket()
                        })
                        .toList());
    }

    public void replaceAccounts(List<ReferenceCsv.Account> rows) {
        jdbc.update("DELETE FROM ref_account");
        jdbc.batchUpdate(
                "INSERT INTO ref_account (kind, account, staff_id, shared) VALUES (?,?,?,?)",
                rows.stream()
                        .map(r -> new Object[] {r.kind(), r.account(), r.staffId(), r.shared()})
                        .toList());
    }

    public List<Enterprise> enterprises() {
        return jdbc.query(
                "SELECT * FROM ref_enterprise ORDER BY code",
                (rs, n) -> new Enterprise(
                        rs.getString("code"),
                        rs.getString("name"),
                        rs.getBoolean("blacklisted"),
                        rs.getDate("blacklisted_since") == null
                                ? null
                                : rs.getDate("blacklisted_since").toLocalDate(),
                        rs.getString("reason")));
    }

    public List<Drug> drugs() {
        return jdbc.query(
                "SELECT * FROM ref_drug ORDER BY code",
                (rs, n) -> new Drug(
                        rs.getString("code"),
                        rs.getString("name"),
                        rs.getString("generic_name"),
                        rs.getString("atc_code"),
                        rs.getString("form"),
                        rs.getString("unit"),
                        rs.getBigDecimal("unit_price"),
                        value(AntibioticTier.class, rs.getString("antibiotic_tier")),
                        value(ControlledClass.class, rs.getString("controlled_class")),
                        rs.getBoolean("controlled_release"),
                        rs.getBoolean("key_monitored"),
                        split(rs.getString("indication_prefixes")),
                        rs.getBoolean("high_value_consumable"),
                        value(VbpStatus.class, rs.getString("vbp_status")),
                        rs.getString("enterprise_code")));
    }

    public List<StaffMember> staff() {
        return jdbc.query(
                "SELECT * FROM ref_staff ORDER BY id",
                (rs, n) -> new StaffMember(
                        rs.getString("id"),
                        rs.getString("name"),
                        rs.getString("department_code"),
                        rs.getString("department_name"),
                        TitleLevel.valueOf(rs.getString("title_level")),
                        StaffRole.valueOf(rs.getString("role")),
                        value(AntibioticTier.class, rs.getString("antibiotic_tier_max")),
                        rs.getBoolean("controlled_privilege"),
                        split(rs.getString("terminals"))));
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static <E extends Enum<E>> E value(Class<E> type, String s) {
        return s == null ? null : Enum.valueOf(type, s);
    }

    private static List<String> split(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split(";"));
    }
}
