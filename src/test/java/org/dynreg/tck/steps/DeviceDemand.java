package org.dynreg.tck.steps;

import io.cucumber.cucumberexpressions.ExpressionFactory;
import io.cucumber.cucumberexpressions.ParameterTypeRegistry;
import io.cucumber.gherkin.GherkinParser;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Pickle;
import io.cucumber.messages.types.PickleTag;
import io.cucumber.tagexpressions.Expression;
import io.cucumber.tagexpressions.TagExpressionParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.dynreg.tck.kit.DevicePool;
import org.dynreg.tck.kit.TakesDevices;

/**
 * How many whitelisted devices one MQTT version's pass over the selected scenarios takes, counted before the
 * first one runs, from what the step definitions declare ({@link TakesDevices}): each scenario step is matched
 * to its step definition's expression, as Cucumber will match it.
 */
public final class DeviceDemand {

    /** The step classes whose definitions take devices. */
    private static final List<Class<?>> STEPS = List.of(DeviceSteps.class);

    private record Declared(io.cucumber.cucumberexpressions.Expression expression, TakesDevices takes) {
    }

    private DeviceDemand() {
    }

    /** The fresh devices one pass over the scenarios of {@code featuresDir} selected by {@code tagExpression} takes. */
    public static int perVersion(Path featuresDir, String tagExpression) {
        Expression filter = tagExpression == null || tagExpression.isBlank()
                ? tags -> true : TagExpressionParser.parse(tagExpression);
        List<Declared> declared = declared();
        int fresh = 0;
        boolean shared = false;
        for (Pickle pickle : pickles(featuresDir)) {
            if (!filter.evaluate(pickle.getTags().stream().map(PickleTag::getName).toList())) {
                continue;
            }
            for (var step : pickle.getSteps()) {
                for (Declared d : declared) {
                    if (d.expression().match(step.getText()) != null) {
                        fresh += d.takes().fresh();
                        shared |= d.takes().shared();
                    }
                }
            }
        }
        return fresh + (shared ? DevicePool.SHARED_REGISTERED : 0);
    }

    private static List<Declared> declared() {
        ExpressionFactory expressions = new ExpressionFactory(new ParameterTypeRegistry(Locale.ENGLISH));
        List<Declared> declared = new ArrayList<>();
        for (Class<?> steps : STEPS) {
            for (Method m : steps.getMethods()) {
                TakesDevices takes = m.getAnnotation(TakesDevices.class);
                if (takes == null) {
                    continue;
                }
                String expression = Optional.ofNullable(m.getAnnotation(Given.class)).map(Given::value)
                        .or(() -> Optional.ofNullable(m.getAnnotation(When.class)).map(When::value))
                        .orElseThrow(() -> new IllegalStateException(m + " declares devices but is no Given or When step"));
                declared.add(new Declared(expressions.createExpression(expression), takes));
            }
        }
        return declared;
    }

    private static List<Pickle> pickles(Path featuresDir) {
        GherkinParser parser = GherkinParser.builder().includeSource(false).includeGherkinDocument(false)
                .includePickles(true).build();
        try (Stream<Path> files = Files.walk(featuresDir)) {
            return files.filter(f -> f.toString().endsWith(".feature"))
                    .filter(f -> !org.dynreg.tck.suite.Versions.isDeviceFeature(featuresDir, f)).sorted().flatMap(f -> {
                try {
                    return parser.parse(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).map(Envelope::getPickle).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the features in " + featuresDir, e);
        }
    }
}
