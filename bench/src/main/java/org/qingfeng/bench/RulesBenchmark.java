package org.qingfeng.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qingfeng.config.QingfengProperties;
import org.qingfeng.monitors.PrescriptionMonitor;
import org.qingfeng.monitors.event.LineStatus;
import org.qingfeng.monitors.event.OtherOrder;
import org.qingfeng.monitors.event.PatientClass;
import org.qingfeng.monitors.event.Prescription;
import org.qingfeng.monitors.event.PrescriptionLine;
import org.qingfeng.monitors.finding.Finding;

/**
 * Per-prescription evaluation with every real-time rule of rules.md §1 on a 5-line outpatient prescription (demo
 * catalog; a duplicate class, an over-long line, a key-monitored drug without indication, a blacklisted product, a
 * non-VBP choice) and 20 running orders of the same patient. Baseline in the same run: the four foundation rules.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RulesBenchmark {

    private PrescriptionMonitor all;
    private PrescriptionMonitor foundation;
    private Prescription rx;
    private List<OtherOrder> history;

    private static PrescriptionLine line(String no, String item, String qty, String days) {
        return new PrescriptionLine(
                no,
                LineStatus.ACTIVE,
                item,
                item,
                BigDecimal.ONE,
                "片",
                new BigDecimal(qty),
                "片",
                "QD",
                new BigDecimal(days),
                "PO",
                null,
                null,
                false);
    }

    @Setup
    public void setup() {
        var reference = BenchData.demoReference();
        QingfengProperties properties = new QingfengProperties();
        all = new PrescriptionMonitor(PrescriptionMonitor.defaultRules(), properties, reference);
        foundation = new PrescriptionMonitor(PrescriptionMonitor.defaultRules().subList(0, 4), properties, reference);
        Instant at = Instant.parse("2026-11-20T01:25:00Z");
        rx = new Prescription(
                "QF-HOSP",
                "RX-BENCH",
                "P-BENCH",
                PatientClass.OUTPATIENT,
                "CARD",
                "心血管内科",
                "D0001",
                "赵丽",
                at,
                List.of(
                        line("L1", "Y00061", "7", "7"),
                        line("L2", "Y00064", "7", "7"),
                        line("L3", "Y00072", "28", "28"),
                        line("L4", "Y00118", "1", "1"),
                        line("L5", "Y00062", "7", "7")));
        history = new ArrayList<>();
        String[] items = {"Y00001", "Y00013", "Y00070", "Y00166", "Y00196"};
        for (int i = 0; i < 20; i++) {
            history.add(new OtherOrder(
                    "QF-HOSP:RX-OLD-" + i,
                    "OLD-" + i,
                    items[i % items.length],
                    "x",
                    PatientClass.OUTPATIENT,
                    at.minusSeconds(86_400L * (i % 10)),
                    new BigDecimal("14")));
        }
        if (all.evaluate(rx, history).size() < 5) {
            throw new IllegalStateException(
                    "the benchmark prescription should raise five findings, got " + all.evaluate(rx, history));
        }
    }

    @Benchmark
    public List<Finding> allRules() {
        return all.evaluate(rx, history);
    }

    @Benchmark
    public List<Finding> foundationRules() {
        return foundation.evaluate(rx, history);
    }
}
