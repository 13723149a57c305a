package org.qingfeng.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
import org.qingfeng.monitors.stat.Classification;
import org.qingfeng.monitors.stat.StatementClassifier;

/**
 * Statement classification with JSqlParser on the audit mix of {@link AuditMix}, without the application's cache of
 * repeated statements: every statement is classified afresh. {@code longReport} is the CTE/join report alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClassifierBenchmark {

    private StatementClassifier classifier;
    private List<String> mix;
    private int next;

    @Setup
    public void setup() {
        classifier = new StatementClassifier(AuditMix.configured());
        Random random = new Random(7);
        mix = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            mix.add(AuditMix.statement(i, random));
        }
        if (!classifier.classify(AuditMix.REPORT).statistics()) {
            throw new IllegalStateException("the report should be a statistics query");
        }
    }

    @Benchmark
    public Classification mix() {
        next = (next + 1) % mix.size();
        return classifier.classify(mix.get(next));
    }

    @Benchmark
    public Classification longReport() {
        return classifier.classify(AuditMix.REPORT);
    }
}
