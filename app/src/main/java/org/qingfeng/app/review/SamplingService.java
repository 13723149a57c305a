package org.qingfeng.app.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.qingfeng.app.persistence.Timestamps;
import org.qingfeng.app.web.ApiException;
import org.qingfeng.config.ReviewProperties;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly random sample for 处方点评: outpatient (and emergency) prescriptions and inpatient orders of one month,
 * each stratum sampled at its rate with its minimum. The draw is a seeded shuffle of the month's prescriptions in key
 * order, so the same month and seed give the same sample whenever it is drawn again.
 */
public class SamplingService {

    /** One sampled prescription and its review result. */
    public record Item(
            long id,
            String stratum,
            String prescriptionKey,
            String prescriberId,
            String departmentCode,
            String result,
            String category,
            String note,
            String reviewedBy,
            Instant reviewedAt) {}

    public record Sample(
            long id,
            String month,
            long seed,
            String createdBy,
            Instant createdAt,
            int outpatientPopulation,
            int inpatientPopulation,
            List<Item> items) {}

    private record Candidate(String key, String patientClass, String prescriberId, String departmentCode) {}

    private final JdbcTemplate jdbc;
    private final ReviewRepository reviews;
    private final ReviewService reviewService;
    private final ReviewProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ZoneId zone;

    public SamplingService(
            JdbcTemplate jdbc,
            ReviewRepository reviews,
            ReviewService reviewService,
            ReviewProperties properties,
            TransactionTemplate tx,
            Clock clock,
            ZoneId zone) {
        this.jdbc = jdbc;
        this.reviews = reviews;
        this.reviewService = reviewService;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
        this.zone = zone;
    }

    /** Draws the sample of a month (or returns the one already drawn with that seed). */
    public Sample draw(String month, Long seed, String actor) {
        YearMonth ym = month(month);
        long s = seed != null ? seed : new java.security.SecureRandom().nextLong();
        return tx.execute(status -> {
            List<Long> existing = jdbc.queryForList(
                    "SELECT id FROM review_sample WHERE sample_month = ? AND seed = ?", Long.class, ym.toString(), s);
            if (!existing.isEmpty()) {
                return find(existing.get(0));
            }
            Instant from = ym.atDay(1).atStartOfDay(zone).toInstant();
            Instant to = ym.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
            List<Candidate> population = jdbc.query(
                    "SELECT facility, prescription_no, MIN(patient_class) AS patient_class,"
                            + " MIN(prescriber_id) AS prescriber_id, MIN(department_code) AS department_code"
                            + " FROM rx_line WHERE kind = 'ORDER' AND ordered_at >= ? AND ordered_at < ?"
                            + " GROUP BY facility, prescription_no ORDER BY facility, prescription_no",
                    (rs, n) -> new Candidate(
                            rs.getString("facility") + ":" + rs.getString("prescription_no"),
                            rs.getString("patient_class"),
                            rs.getString("prescriber_id"),
                            rs.getString("department_code")),
                    Timestamps.of(from),
                    Timestamps.of(to));
            List<Candidate> outpatient = new ArrayList<>();
            List<Candidate> inpatient = new ArrayList<>();
            for (Candidate c : population) {
                ("INPATIENT".equals(c.patientClass()) ? inpatient : outpatient).add(c);
            }
            Random random = new Random(s);
            List<Candidate> outPick = pick(
                    outpatient,
                    size(outpatient.size(), properties.getOutpatientRate(), properties.getOutpatientMinimum()),
                    random);
            List<Candidate> inPick = pick(
                    inpatient,
                    size(inpatient.size(), properties.getInpatientRate(), properties.getInpatientMinimum()),
                    random);
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.update(
                    con -> {
                        var ps = con.prepareStatement(
                                "INSERT INTO review_sample (sample_month, seed, created_by, created_at,"
                                        + " outpatient_population, inpatient_population) VALUES (?,?,?,?,?,?)",
                                new String[] {"id"});
                        ps.setString(1, ym.toString());
                        ps.setLong(2, s);
                        ps.setString(3, actor);
                        ps.setTimestamp(4, Timestamps.of(clock.instant()));
                        ps.setInt(5, outpatient.size());
                        ps.setInt(6, inpatient.size());
                        return ps;
                    },
                    key);
            long id = key.getKeyAs(Number.class).longValue();
            List<Object[]> rows = new ArrayList<>();
            outPick.forEach(c -> rows.add(row(id, "OUTPATIENT", c)));
            inPick.forEach(c -> rows.add(row(id, "INPATIENT", c)));
            jdbc.batchUpdate(
                    "INSERT INTO review_sample_item (sample_id, stratum, prescription_key, prescriber_id,"
                            + " department_code) VALUES (?,?,?,?,?)",
                    rows);
            return find(id);
        });
    }

    /** Records the pharmacist's result for one sampled prescription; an irrational one counts toward §46. */
    public Item review(
            long sampleId, long itemId, ReviewService.Action result, String category, String note, String actor) {
        if (result == ReviewService.Action.RETURN) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "invalid-result",
                    "result",
                    "a sampled prescription is reviewed as REASONABLE or IRRATIONAL");
        }
        String cat = ReviewService.category(result, category) == null
                ? null
                : ReviewService.category(result, category).name();
        return tx.execute(status -> {
            Item item = item(sampleId, itemId);
            if (item.result() != null) {
                throw new ApiException(
                        HttpStatus.CONFLICT,
                        "already-reviewed",
                        "result",
                        "sample item " + itemId + " was already reviewed as " + item.result());
            }
            Instant now = clock.instant();
            jdbc.update(
                    "UPDATE review_sample_item SET result = ?, category = ?, note = ?, reviewed_by = ?, reviewed_at = ?"
                            + " WHERE id = ? AND result IS NULL",
                    result.name(),
                    cat,
                    note,
                    actor,
                    Timestamps.of(now),
                    itemId);
            reviews.record(
                    item.prescriptionKey(), item.prescriberId(), null, itemId, result.name(), cat, note, actor, now);
            if (result == ReviewService.Action.IRRATIONAL) {
                reviewService.escalate(item.prescriberId(), null);
            }
            return item(sampleId, itemId);
        });
    }

    public Sample find(long id) {
        List<Sample> found = jdbc.query(
                "SELECT * FROM review_sample WHERE id = ?",
                (rs, n) -> new Sample(
                        rs.getLong("id"),
                        rs.getString("sample_month"),
                        rs.getLong("seed"),
                        rs.getString("created_by"),
                        Timestamps.instant(rs.getTimestamp("created_at")),
                        rs.getInt("outpatient_population"),
                        rs.getInt("inpatient_population"),
                        items(id)),
                id);
        if (found.isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "sample-not-found", "id", "no review sample " + id);
        }
        return found.get(0);
    }

    public List<Map<String, Object>> list(String month) {
        String columns = "SELECT id, sample_month, seed, created_by, created_at, outpatient_population,"
                + " inpatient_population FROM review_sample";
        return month == null || month.isBlank()
                ? jdbc.queryForList(columns + " ORDER BY id DESC")
                : jdbc.queryForList(
                        columns + " WHERE sample_month = ? ORDER BY id DESC",
                        month(month).toString());
    }

    static int size(int population, BigDecimal rate, int minimum) {
        int byRate = BigDecimal.valueOf(population)
                .multiply(rate)
                .setScale(0, RoundingMode.CEILING)
                .intValue();
        return Math.min(population, Math.max(byRate, minimum));
    }

    /** The first n of a seeded shuffle: the same population in the same order and the same random give the same pick. */
    static <T> List<T> pick(List<T> population, int n, Random random) {
        List<T> copy = new ArrayList<>(population);
        Collections.shuffle(copy, random);
        return copy.subList(0, n);
    }

    private static Object[] row(long sampleId, String stratum, Candidate c) {
        return new Object[] {sampleId, stratum, c.key(), c.prescriberId(), c.departmentCode()};
    }

    private List<Item> items(long sampleId) {
        return jdbc.query("SELECT * FROM review_sample_item WHERE sample_id = ? ORDER BY id", ITEM, sampleId);
    }

    private Item item(long sampleId, long itemId) {
        return jdbc
                .query("SELECT * FROM review_sample_item WHERE sample_id = ? AND id = ?", ITEM, sampleId, itemId)
                .stream()
                .findFirst()
                .orElseThrow(() -> new ApiException(
                        HttpStatus.NOT_FOUND,
                        "sample-item-not-found",
                        "itemId",
                        "no item " + itemId + " in sample " + sampleId));
    }

    private static final org.springframework.jdbc.core.RowMapper<Item> ITEM = (rs, n) -> new Item(
            rs.getLong("id"),
            rs.getString("stratum"),
            rs.getString("prescription_key"),
            rs.getString("prescriber_id"),
            rs.getString("department_code"),
            rs.getString("result"),
            rs.getString("category"),
            rs.getString("note"),
            rs.getString("reviewed_by"),
            Timestamps.instant(rs.getTimestamp("reviewed_at")));

    private static YearMonth month(String month) {
        try {
            return YearMonth.parse(month == null ? "" : month.trim());
        } catch (DateTimeParseException e) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST, "invalid-parameter", "month", "'" + month + "' is not a month (YYYY-MM)");
        }
    }
}
