package org.qingfeng.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.ReferenceCsv;
import org.qingfeng.config.reference.StaffMember;
import org.qingfeng.monitors.ReferenceData;

/** The demo catalog and roster, and the benchmark's message mix, read from the repository (run from its root). */
final class BenchData {
    private BenchData() {}

    static ReferenceData demoReference() {
        Map<String, Drug> drugs = ReferenceCsv.drugs(read("app/src/main/resources/demo/drugs.csv")).stream()
                .collect(Collectors.toMap(Drug::code, Function.identity()));
        Map<String, StaffMember> staff = ReferenceCsv.staff(read("app/src/main/resources/demo/staff.csv")).stream()
                .collect(Collectors.toMap(StaffMember::id, Function.identity()));
        return new ReferenceData() {
            @Override
            public Optional<Drug> drug(String code) {
                return Optional.ofNullable(drugs.get(code));
            }

            @Override
            public Optional<StaffMember> staff(String id) {
                return Optional.ofNullable(staff.get(id));
            }
        };
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
