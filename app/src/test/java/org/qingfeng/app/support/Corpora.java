package org.qingfeng.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared acceptance corpora (written outside the team), read in place and never copied. */
public final class Corpora {
    private Corpora() {}

    public static Path root() {
        String configured = System.getenv("QINGFENG_TEST_CORPORA");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "corpora");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("the shared corpora are missing at " + root.toAbsolutePath()
                    + "; set QINGFENG_TEST_CORPORA to the shared/corpora folder");
        }
        return root;
    }

    public static List<Path> files(String folder, String suffix) {
        try (Stream<Path> files = Files.walk(root().resolve(folder))) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> suffix == null || p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
