package org.dynreg.tck.selftest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dynreg.tck.report.RunResults.Outcome;
import org.dynreg.tck.spec.Rule;

/**
 * The rows of one verdict matrix in one run of the kit's tests, a file per variant: the parts of a matrix run in JVMs
 * of their own and each keeps its rows here, so that whichever part ends last can write the matrix whole.
 */
final class MatrixRows {

    /** What a variant's run showed. */
    enum Result {
        CAUGHT, MISSED, PASSED, FALSELY_FAILED
    }

    /** One variant: its place in {@link Variant#all}, its name as the matrix shows it, what it showed, each rule's verdict. */
    record Row(int index, String name, Result result, Map<Rule, Outcome> outcomes) {
    }

    private final Path dir;

    /**
     * The rows of {@code matrix} in this run: {@code -Dselftest.run} names the run (surefire sets it to the build's
     * start, the same in every JVM of one build); without it, this JVM's start.
     */
    MatrixRows(Path out, String matrix) {
        String run = System.getProperty("selftest.run", "");
        if (run.isBlank()) {
            run = "jvm-" + java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        }
        this.dir = out.resolve("matrix-rows").resolve(matrix).resolve(run);
    }

    void keep(Row row) {
        StringBuilder line = new StringBuilder().append(row.index()).append('\t').append(row.result()).append('\t')
                .append(row.name().replace('\t', ' ')).append('\t');
        row.outcomes().forEach((rule, outcome) -> line.append(rule.id()).append('=').append(outcome).append(' '));
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(String.format("%03d.tmp", row.index()));
            Files.writeString(tmp, line.toString().strip() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(String.format("%03d.row", row.index())), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every row kept so far in this run, in the order of {@link Variant#all}. */
    List<Row> all() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".row")).sorted().toList()) {
                String[] cols = Files.readString(f, StandardCharsets.UTF_8).strip().split("\t", -1);
                Map<Rule, Outcome> outcomes = new EnumMap<>(Rule.class);
                Arrays.stream(cols[3].split(" ")).filter(c -> !c.isBlank()).forEach(c -> {
                    String[] kv = c.split("=");
                    outcomes.put(Rule.byId(kv[0]).orElseThrow(), Outcome.valueOf(kv[1]));
                });
                rows.add(new Row(Integer.parseInt(cols[0]), cols[2], Result.valueOf(cols[1]), outcomes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
