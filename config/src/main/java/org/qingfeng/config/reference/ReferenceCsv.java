package org.qingfeng.config.reference;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Readers of the reference-data CSV formats of interfaces.md §4. */
public final class ReferenceCsv {

    public static final String[] DRUG_HEADER = {
        "code",
        "name",
        "generic_name",
        "atc_code",
        "form",
        "unit",
        "unit_price",
        "antibiotic_tier",
        "controlled_class",
        "controlled_release",
        "key_monitored",
        "indication_prefixes",
        "high_value_consumable",
        "vbp_status",
        "enterprise_code"
    };

    public static final String[] STAFF_HEADER = {
        "id",
        "name",
        "department_code",
        "department_name",
        "title_level",
        "role",
        "antibiotic_tier_max",
        "controlled_privilege",
        "terminals"
    };

    public static final String[] ENTERPRISE_HEADER = {"code", "name", "blacklisted", "blacklisted_since", "reason"};

    public static final String[] STATISTICIAN_HEADER = {
        "staff_id", "scope", "valid_from", "valid_to", "approved_by", "ticket"
    };

    public static final String[] ACCOUNT_HEADER = {"account", "kind", "staff_id", "shared"};

    /** An approved statistician (统计人员) and the approval ticket that covers a period. */
    public record Statistician(
            String staffId,
            String scope,
            java.time.LocalDate validFrom,
            java.time.LocalDate validTo,
            String approvedBy,
            String ticket) {}

    /** A database or application account and the person it belongs to; shared accounts name no one. */
    public record Account(String account, String kind, String staffId, boolean shared) {}

    private ReferenceCsv() {}

    public static List<Drug> drugs(byte[] csv) {
        Set<String> seen = new HashSet<>();
        return CsvTable.parse(csv, DRUG_HEADER).map(r -> {
            String code = r.required("code");
            if (!seen.add(code)) {
                throw r.fail("code", "duplicate code '" + code + "'");
            }
            return new Drug(
                    code,
                    r.required("name"),
                    r.optional("generic_name"),
                    r.optional("atc_code"),
                    r.optional("form"),
                    r.optional("unit"),
                    r.decimal("unit_price"),
                    r.enumValue("antibiotic_tier", AntibioticTier.class, false),
                    r.enumValue("controlled_class", ControlledClass.class, false),
                    r.bool("controlled_release"),
                    r.bool("key_monitored"),
                    r.list("indication_prefixes"),
                    r.bool("high_value_consumable"),
                    r.enumValue("vbp_status", VbpStatus.class, false),
                    r.optional("enterprise_code"));
        });
    }

    public static List<StaffMember> staff(byte[] csv) {
        Set<String> seen = new HashSet<>();
        return CsvTable.parse(csv, STAFF_HEADER).map(r -> {
            String id = r.required("id");
            if (!seen.add(id)) {
                throw r.fail("id", "duplicate id '" + id + "'");
            }
            return new StaffMember(
                    id,
                    r.required("name"),
                    r.required("department_code"),
                    r.optional("department_name"),
                    r.enumValue("title_level", TitleLevel.class, true),
                    r.enumValue("role", StaffRole.class, true),
                    r.enumValue("antibiotic_tier_max", AntibioticTier.class, false),
                    r.bool("controlled_privilege"),
                    r.list("terminals"));
        });
    }

    public static List<Enterprise> enterprises(byte[] csv) {
        Set<String> seen = new HashSet<>();
        return CsvTable.parse(csv, ENTERPRISE_HEADER).map(r -> {
            String code = r.required("code");
            if (!seen.add(code)) {
                throw r.fail("code", "duplicate code '" + code + "'");
            }
            boolean blacklisted = r.bool("blacklisted");
            if (!blacklisted && r.optional("blacklisted_since") != null) {
                throw r.fail("blacklisted_since", "a date is given but 'blacklisted' is false");
            }
            return new Enterprise(
                    code, r.required("name"), blacklisted, r.date("blacklisted_since"), r.optional("reason"));
        });
    }

    public static List<Statistician> statisticians(byte[] csv) {
        return CsvTable.parse(csv, STATISTICIAN_HEADER).map(r -> {
            java.time.LocalDate from = r.date("valid_from");
            java.time.LocalDate to = r.date("valid_to");
            if (from == null) {
                throw r.fail("valid_from", "required");
            }
            if (to == null) {
                throw r.fail("valid_to", "required");
            }
            if (to.isBefore(from)) {
                throw r.fail("valid_to", "is before valid_from");
            }
            return new Statistician(
                    r.required("staff_id"),
                    r.optional("scope") == null ? "ALL" : r.optional("scope"),
                    from,
                    to,
                    r.required("approved_by"),
                    r.required("ticket"));
        });
    }

    public static List<Account> accounts(byte[] csv) {
        Set<String> seen = new HashSet<>();
        return CsvTable.parse(csv, ACCOUNT_HEADER).map(r -> {
            String account = r.required("account");
            String kind = r.required("kind").toUpperCase(java.util.Locale.ROOT);
            if (!kind.equals("DB") && !kind.equals("APP")) {
                throw r.fail("kind", "must be DB or APP");
            }
            if (!seen.add(kind + ":" + account.toLowerCase(java.util.Locale.ROOT))) {
                throw r.fail("account", "duplicate account '" + account + "'");
            }
            boolean shared = r.bool("shared");
            String staff = r.optional("staff_id");
            if (!shared && staff == null) {
                throw r.fail("staff_id", "required unless the account is shared");
            }
            return new Account(account, kind, staff, shared);
        });
    }
}
