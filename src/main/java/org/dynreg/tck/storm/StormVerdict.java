package org.dynreg.tck.storm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The storm's verdict: a MUST finding, a device that never ended, a missing shard, or not a single
 * completed registration fails it; a SHOULD finding is a warning (a failure with {@code -Dstrict=true});
 * overload signals are reported, never failed: a clear refusal under overload is acceptable.
 */
public record StormVerdict(List<String> failures, List<String> warnings, List<String> overload) {

    public boolean passed() {
        return failures.isEmpty();
    }

    public String label() {
        return passed() ? (warnings.isEmpty() ? "PASSED" : "PASSED with warnings") : "FAILED";
    }

    /** The verdict of a whole storm, or of merged shards (all of them must be there). */
    public static StormVerdict of(ShardCounts c) {
        return of(c, true);
    }

    /**
     * @param whole whether {@code c} must be the whole storm: false for one shard's own run, which is
     *              judged on its slice (the merge judges the whole)
     */
    public static StormVerdict of(ShardCounts c, boolean whole) {
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> overload = new ArrayList<>();
        for (Map.Entry<Kind, Long> e : c.kinds().entrySet()) {
            Kind k = e.getKey();
            String line = (k.rule() == null ? "" : k.rule() + " violated under load: ") + k.meaning() + " — " + e.getValue()
                    + " time(s)" + c.examples().getOrDefault(k, List.of()).stream().findFirst().map(x -> ", e.g. " + x).orElse("");
            switch (k.severity()) {
                case MUST -> failures.add(k.rule() == null ? "kit defect: " + line : line);
                case SHOULD -> (c.strict() ? failures : warnings).add(line.replace(" violated under load", " not followed under load"));
                case OVERLOAD -> overload.add(line);
            }
        }
        if (c.unfinished() > 0) {
            failures.add(c.unfinished() + " device(s) did not end within the storm's bound (a hung broker or driver)");
        }
        if (c.completed() == 0) {
            failures.add("not a single registration completed");
        }
        if (whole) {
            missingShards(c.shards()).ifPresent(failures::add);
        }
        return new StormVerdict(List.copyOf(failures), List.copyOf(warnings), List.copyOf(overload));
    }

    private static java.util.Optional<String> missingShards(List<String> shards) {
        if (shards.isEmpty()) {
            return java.util.Optional.empty();
        }
        int n = Shard.parse(shards.get(0)).count();
        TreeSet<Integer> missing = new TreeSet<>();
        for (int i = 1; i <= n; i++) {
            missing.add(i);
        }
        shards.forEach(s -> missing.remove(Shard.parse(s).index()));
        return missing.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of("shard(s) " + missing + " of " + n + " missing: the report covers only part of the storm");
    }
}
