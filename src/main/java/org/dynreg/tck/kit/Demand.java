package org.dynreg.tck.kit;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Pickle;
import io.cucumber.messages.types.PickleTag;
import io.cucumber.tagexpressions.Expression;
import io.cucumber.tagexpressions.TagExpressionParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * How many whitelisted devices a run consumes, counted from the scenarios it will run, before the
 * first one runs. A step that says "fresh whitelisted device" registers one device; the scenarios that
 * use "a registered device" share {@link #SHARED_REGISTERED} of them per MQTT version.
 */
public final class Demand {

    /** The phrase of every step that takes a device from the pool. */
    public static final String FRESH_DEVICE = "fresh whitelisted device";
    /** The phrase of the steps that use one of the run's shared registered devices. */
    public static final String REGISTERED_DEVICE = "registered device";
    public static final int SHARED_REGISTERED = 4;

    private Demand() {
    }

    /** The number of fresh devices that one MQTT version's pass over the selected scenarios needs. */
    public static int perVersion(Path featuresDir, String tagExpression) {
        Expression filter = tagExpression == null || tagExpression.isBlank()
                ? tags -> true : TagExpressionParser.parse(tagExpression);
        List<Pickle> pickles = pickles(featuresDir).stream()
                .filter(p -> filter.evaluate(p.getTags().stream().map(PickleTag::getName).toList()))
                .toList();
        long fresh = pickles.stream().flatMap(p -> p.getSteps().stream())
                .filter(s -> s.getText().contains(FRESH_DEVICE)).count();
        boolean shared = pickles.stream().flatMap(p -> p.getSteps().stream())
                .anyMatch(s -> s.getText().contains(REGISTERED_DEVICE));
        return (int) fresh + (shared ? SHARED_REGISTERED : 0);
    }

    private static List<Pickle> pickles(Path featuresDir) {
        GherkinParser parser = GherkinParser.builder().includeSource(false).includeGherkinDocument(false)
                .includePickles(true).build();
        try (Stream<Path> files = Files.walk(featuresDir)) {
            return files.filter(f -> f.toString().endsWith(".feature")).sorted().flatMap(f -> {
                try {
                    return parser.parse(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).map(Envelope::getPickle).flatMap(java.util.Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the features in " + featuresDir, e);
        }
    }
}
