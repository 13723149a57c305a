package org.qingfeng.monitors.stat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.qingfeng.config.StatisticsApi;

/**
 * Decides whether an API call (a HIS report module's URL, a FHIR search) returns prescription statistics (rules.md §3:
 * "or an API call that returns such aggregates"), by the configured APIs: the call matches an API's pattern, and a
 * query parameter pins one prescriber or item, or the API groups by a prescriber or item by itself.
 */
public final class ApiCallClassifier {

    private record Api(
            String name, Pattern pattern, Set<String> prescriber, Set<String> item, Set<String> dimensions) {}

    private final List<Api> apis;

    public ApiCallClassifier(List<StatisticsApi> configured) {
        this.apis = configured.stream()
                .map(a -> new Api(
                        a.getName(),
                        Pattern.compile(a.getPattern()),
                        lower(a.getPrescriberParameters()),
                        lower(a.getItemParameters()),
                        Set.copyOf(a.getDimensions())))
                .toList();
    }

    public Classification classify(String call) {
        String normalized = call.strip().replaceAll("\\s+", " ");
        for (Api api : apis) {
            if (!api.pattern().matcher(normalized).find()) {
                continue;
            }
            Set<String> dimensions = new LinkedHashSet<>(api.dimensions());
            List<String> targets = new ArrayList<>();
            List<String> pinned = new ArrayList<>();
            int q = normalized.indexOf('?');
            if (q >= 0) {
                for (String pair : normalized.substring(q + 1).split("[&\\s]")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0 || eq == pair.length() - 1) {
                        continue;
                    }
                    String name = decode(pair.substring(0, eq)).toLowerCase(Locale.ROOT);
                    String value = decode(pair.substring(eq + 1));
                    boolean prescriber = api.prescriber().contains(name);
                    if (prescriber || api.item().contains(name)) {
                        dimensions.add(prescriber ? "PRESCRIBER" : "ITEM");
                        targets.add(value);
                        pinned.add(name + "=" + value);
                    }
                }
            }
            if (dimensions.isEmpty()) {
                return new Classification(
                        false,
                        Set.of(),
                        List.of(),
                        Set.of(api.name()),
                        false,
                        normalized,
                        "API " + api.name() + " without a prescriber or item parameter");
            }
            return new Classification(
                    true,
                    dimensions,
                    targets,
                    Set.of(api.name()),
                    false,
                    normalized,
                    "API " + api.name() + (pinned.isEmpty() ? " by " + dimensions : " pinning " + pinned));
        }
        return new Classification(
                false, Set.of(), List.of(), Set.of(), false, normalized, "no configured statistics API");
    }

    private static Set<String> lower(List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a stray '%': keep it as written
        }
    }
}
