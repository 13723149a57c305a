package org.qingfeng.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.qingfeng.config.reference.ReferenceCsv;
import org.qingfeng.monitors.InMemoryReferenceData;
import org.qingfeng.monitors.ReferenceData;

/** The demo catalog, roster and enterprises, and the benchmark's message mix, read from the repository (run from its root). */
final class BenchData {
    private BenchData() {}

    static ReferenceData demoReference() {
        return InMemoryReferenceData.of(
                ReferenceCsv.drugs(read("app/src/main/resources/demo/drugs.csv")),
                ReferenceCsv.staff(read("app/src/main/resources/demo/staff.csv")),
                ReferenceCsv.enterprises(read("app/src/main/resources/demo/enterprises.csv")));
    }

    /** The load mix: bench/messages/*.hl7, each with {{SEQ}} placeholders. */
    static List<String> messages() {
        try (var files = Files.list(Path.of("bench/messages"))) {
            return files.sorted()
                    .filter(p -> p.toString().endsWith(".hl7"))
                    .map(p -> new String(read(p.toString()), java.nio.charset.StandardCharsets.UTF_8)
                            .replace("\r\n", "\r")
                            .replace('\n', '\r'))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("run the benchmarks from the repository root", e);
        }
    }

    static byte[] read(String path) {
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException("run the benchmarks from the repository root", e);
        }
    }
}
