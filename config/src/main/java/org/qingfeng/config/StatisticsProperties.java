package org.qingfeng.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code qingfeng.statistics.*}: which tables hold prescription data and which of their columns name the prescriber
 * and the item. The defaults cover Qingfeng's own {@code rx_line}, a typical Chinese HIS (门诊处方明细 MZ_CFMX, 住院医嘱
 * ZY_YZMX, 药房发药明细 YF_FYMX) and common English names; a hospital replaces them with its own schema. A shared
 * account used from a terminal is attributed to the one person who used that terminal with a personal account within
 * {@code shared-account-window} before.
 */
public class StatisticsProperties {

    @NotNull
    private List<@Valid StatisticsTable> tables = new ArrayList<>(List.of(
            new StatisticsTable(
                    "rx_line", List.of("prescriber_id", "prescriber_name"), List.of("item_code", "item_name")),
            new StatisticsTable("MZ_CFMX", List.of("YSDM", "KDYS", "YSGH"), List.of("YPDM", "XMDM", "YPBM")),
            new StatisticsTable("ZY_YZMX", List.of("YSDM", "KZYS", "YSGH"), List.of("YPDM", "XMDM", "YPBM")),
            new StatisticsTable("YF_FYMX", List.of("YSDM", "KDYS"), List.of("YPDM", "YPBM")),
            new StatisticsTable(
                    "prescription_line", List.of("doctor_id", "prescriber_id"), List.of("drug_code", "item_code")),
            new StatisticsTable("medication_order", List.of("doctor_id", "prescriber_id"), List.of("drug_code"))));

    /**
     * APIs whose calls return prescription statistics. By default FHIR counting searches ({@code _summary=count}) of
     * medication orders, dispenses and administrations pinned to a requester/performer or a medication.
     */
    @NotNull
    private List<@Valid StatisticsApi> apiCalls = new ArrayList<>(List.of(new StatisticsApi(
            "fhir-medication-count",
            "(?i)\\b(MedicationRequest|MedicationDispense|MedicationAdministration)\\?(.*&)?_summary=count(&|\\s|$)",
            List.of("requester", "performer"),
            List.of("medication", "code", "medication.code"),
            List.of())));

    public List<StatisticsApi> getApiCalls() {
        return apiCalls;
    }

    public void setApiCalls(List<StatisticsApi> apiCalls) {
        this.apiCalls = apiCalls;
    }

    @NotNull
    private Duration sharedAccountWindow = Duration.ofMinutes(30);

    public Duration getSharedAccountWindow() {
        return sharedAccountWindow;
    }

    public void setSharedAccountWindow(Duration sharedAccountWindow) {
        this.sharedAccountWindow = sharedAccountWindow;
    }

    public List<StatisticsTable> getTables() {
        return tables;
    }

    public void setTables(List<StatisticsTable> tables) {
        this.tables = tables;
    }
}
