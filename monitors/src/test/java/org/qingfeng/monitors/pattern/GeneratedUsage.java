package org.qingfeng.monitors.pattern;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.qingfeng.config.reference.AntibioticTier;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.VbpStatus;
import org.qingfeng.monitors.InMemoryReferenceData;

/**
 * Generated usage of one department: 12 prescribers (D01…D12) with 300–600 visits each, 20 items (X01…X20) used at
 * an item-specific rate per visit with ±10 % noise. Pattern tests inject one abnormal figure into it.
 */
final class GeneratedUsage {
    static final String DEPARTMENT = "CARD";
    static final int PRESCRIBERS = 12;
    static final int ITEMS = 20;

    final Random random;
    final List<PrescriberVolume> volumes = new ArrayList<>();

    GeneratedUsage(long seed) {
        random = new Random(seed);
        for (int p = 1; p <= PRESCRIBERS; p++) {
            volumes.add(new PrescriberVolume(prescriber(p), DEPARTMENT, 300 + random.nextInt(301), 0));
        }
    }

    static String prescriber(int p) {
        return "D%02d".formatted(p);
    }

    static String item(int i) {
        return "X%02d".formatted(i);
    }

    /** One period: every prescriber uses every item at rate (10 × item number) yuan per visit, ±10 %. */
    List<ItemUsage> period() {
        List<ItemUsage> usage = new ArrayList<>();
        for (PrescriberVolume v : volumes) {
            for (int i = 1; i <= ITEMS; i++) {
                double amount = 10.0 * i * v.visits() * (0.9 + 0.2 * random.nextDouble());
                usage.add(new ItemUsage(v.prescriberId(), DEPARTMENT, item(i), amount, amount / 10, 40, 40));
            }
        }
        return usage;
    }

    /** The same period with one prescriber's use of one item (amount, quantity, prescriptions) multiplied. */
    static List<ItemUsage> inject(List<ItemUsage> usage, String prescriber, String item, double factor) {
        return usage.stream()
                .map(u -> u.prescriberId().equals(prescriber) && u.itemCode().equals(item)
                        ? new ItemUsage(
                                u.prescriberId(),
                                u.departmentCode(),
                                u.itemCode(),
                                u.amount() * factor,
                                u.quantity() * factor,
                                Math.round(u.prescriptions() * factor),
                                Math.round(u.patients() * factor))
                        : u)
                .toList();
    }

    static InMemoryReferenceData reference(List<Drug> extra) {
        List<Drug> drugs = new ArrayList<>(extra);
        IntStream.rangeClosed(1, ITEMS).forEach(i -> drugs.add(drug(item(i), "药品" + i, null, null, null, false)));
        return new InMemoryReferenceData(
                drugs.stream().collect(Collectors.toMap(Drug::code, Function.identity(), (a, b) -> a)), Map.of());
    }

    static Drug drug(String code, String name, String generic, VbpStatus vbp, AntibioticTier tier, boolean consumable) {
        return new Drug(
                code,
                name,
                generic,
                null,
                "TABLET",
                "盒",
                BigDecimal.TEN,
                tier,
                null,
                false,
                false,
                List.of(),
                consumable,
                vbp,
                null);
    }
}
