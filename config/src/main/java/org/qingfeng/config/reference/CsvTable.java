package org.qingfeng.config.reference;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a reference-data CSV file (UTF-8 or GB18030, header row) and converts each row with typed accessors that
 * report row, column and reason. Any bad row rejects the whole file.
 */
public final class CsvTable {

    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Set<String> TRUE = Set.of("true", "1", "是", "yes", "y");
    private static final Set<String> FALSE = Set.of("false", "0", "否", "no", "n", "");

    private final List<String> requiredHeader;
    private final List<CSVRecord> records;

    private CsvTable(List<String> requiredHeader, List<CSVRecord> records) {
        this.requiredHeader = requiredHeader;
        this.records = records;
    }

    /** Decodes as UTF-8 (with or without BOM) when the bytes are valid UTF-8, else as GB18030. */
    public static String decode(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, GB18030);
        }
    }

    public static CsvTable parse(byte[] bytes, String... header) {
        List<String> required = Arrays.asList(header);
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        try (CSVParser parser = CSVParser.parse(new StringReader(decode(bytes)), format)) {
            List<String> actual = parser.getHeaderNames().stream()
                    .map(h -> h.trim().toLowerCase(Locale.ROOT))
                    .toList();
            for (String column : required) {
                if (!actual.contains(column)) {
                    throw new CsvImportException(0, column, "header is missing column '" + column + "'");
                }
            }
            return new CsvTable(required, parser.getRecords());
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new CsvImportException(0, null, "not a readable CSV file: " + e.getMessage());
        }
    }

    public <T> List<T> map(Function<Row, T> mapper) {
        List<T> out = new ArrayList<>(records.size());
        long n = 0;
        for (CSVRecord record : records) {
            n++;
            if (!record.isConsistent()) {
                throw new CsvImportException(
                        n, null, "has " + record.size() + " values, the header has " + requiredHeader.size());
            }
            out.add(mapper.apply(new Row(n, record)));
        }
        return out;
    }

    /** One data row with typed accessors that fail with row and column. */
    public static final class Row {
        private final long number;
        private final CSVRecord record;

        Row(long number, CSVRecord record) {
            this.number = number;
            this.record = record;
        }

        public String text(String column) {
            String v = record.isMapped(column) ? record.get(column) : "";
            return v == null ? "" : v.trim();
        }

        public String required(String column) {
            String v = text(column);
            if (v.isEmpty()) {
                throw fail(column, "must not be empty");
            }
            return v;
        }

        public String optional(String column) {
            String v = text(column);
            return v.isEmpty() ? null : v;
        }

        public boolean bool(String column) {
            String v = text(column).toLowerCase(Locale.ROOT);
            if (TRUE.contains(v)) {
                return true;
            }
            if (FALSE.contains(v)) {
                return false;
            }
            throw fail(column, "'" + v + "' is not a boolean (true/false, 1/0, 是/否)");
        }

        public BigDecimal decimal(String column) {
            String v = required(column);
            try {
                BigDecimal d = new BigDecimal(v);
                if (d.signum() < 0) {
                    throw fail(column, "'" + v + "' must not be negative");
                }
                return d;
            } catch (NumberFormatException e) {
                throw fail(column, "'" + v + "' is not a number");
            }
        }

        public LocalDate date(String column) {
            String v = optional(column);
            if (v == null) {
                return null;
            }
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw fail(column, "'" + v + "' is not an ISO-8601 date (YYYY-MM-DD)");
            }
        }

        public <E extends Enum<E>> E enumValue(String column, Class<E> type, boolean required) {
            String v = text(column);
            if (v.isEmpty()) {
                if (required) {
                    throw fail(column, "must not be empty; one of " + Arrays.toString(type.getEnumConstants()));
                }
                return null;
            }
            try {
                return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw fail(column, "'" + v + "' is not one of " + Arrays.toString(type.getEnumConstants()));
            }
        }

        public List<String> list(String column) {
            String v = text(column);
            if (v.isEmpty()) {
                return List.of();
            }
            return Arrays.stream(v.split(";"))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
        }

        public CsvImportException fail(String column, String reason) {
            return new CsvImportException(number, column, reason);
        }
    }
}
