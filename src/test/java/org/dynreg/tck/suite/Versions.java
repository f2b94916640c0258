package org.dynreg.tck.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the scenarios of each MQTT version come from: the features run over MQTT 3.1.1, and a copy of them in
 * a folder {@code mqtt5/features} over MQTT 5 (the steps tell a scenario's version by its feature file). One
 * run holds both, so that the scenarios of both versions run at once.
 */
public final class Versions {

    /** The features, run over MQTT 3.1.1. */
    public static final String MQTT_3_1_1_FEATURES = "features";
    /** The copy of the features, run over MQTT 5; made anew when the run's launcher session opens. */
    public static final String MQTT_5_FEATURES = "target/mqtt5/features";

    /** The device bench's features: a subfolder of the broker's, tagged {@code @device}, never part of a broker run. */
    public static final String DEVICE_FOLDER = "device";
    /** Their tag, as JUnit sees it (without the {@code @}). */
    public static final String DEVICE_TAG = "device";

    private Versions() {
    }

    /**
     * Makes {@code copy} a copy of {@code features} (nothing left over from an earlier copy) whose features'
     * names end with "[MQTT 5]", so that the JUnit names of the two versions' scenarios (failsafe's XML, a CI
     * system's test list) do not collide.
     */
    public static Path copyForMqtt5(Path features, Path copy) {
        try {
            if (Files.exists(copy)) {
                try (Stream<Path> old = Files.walk(copy)) {
                    for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            try (Stream<Path> files = Files.walk(features)) {
                for (Path f : files.filter(Files::isRegularFile).filter(f -> !isDeviceFeature(features, f)).toList()) {
                    Path to = copy.resolve(features.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    if (f.toString().endsWith(".feature")) {
                        Files.writeString(to, forMqtt5(Files.readString(f)));
                    } else {
                        Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + features + " to " + copy + " for the MQTT 5 pass", e);
        }
    }

    /** Whether {@code file} is one of the device bench's features (in {@code features/device/}). */
    public static boolean isDeviceFeature(Path features, Path file) {
        Path relative = features.relativize(file);
        return relative.getNameCount() > 1 && relative.getName(0).toString().equals(DEVICE_FOLDER);
    }

    /** A feature file's text with " [MQTT 5]" after its feature's name; nothing else changes. */
    static String forMqtt5(String feature) {
        return FEATURE_LINE.matcher(feature).replaceFirst("$1 [MQTT 5]");
    }

    private static final java.util.regex.Pattern FEATURE_LINE =
            java.util.regex.Pattern.compile("(?m)^(\\s*Feature:[^\\r\\n]*?)\\s*$");
}
