package org.dynreg.tck.storm;

import java.nio.file.Path;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.platform.Behaviour;
import org.dynreg.tck.platform.ReferencePlatform;
import org.dynreg.tck.steps.BrokerUnderTest;

/**
 * What {@code mvn verify -Pstorm} runs (through {@link StormIT}): from the system properties, a merge of
 * shards ({@code -Dstorm.merge=DIR}), or a storm against the broker the fixture or {@code -Dbroker} names —
 * for {@code broker: embedded}, the kit's reference platform, started here for the storm's length and
 * handed to the storm as a plain address (as {@link BrokerUnderTest} does for certification). The storm
 * itself never starts a broker.
 */
final class StormLauncher {

    /** Where the embedded reference platform of a storm keeps its config and data. */
    static final Path PLATFORM_DIR = Path.of("target", "storm-reference-platform");

    private StormLauncher() {
    }

    static Storm.Result fromSystemProperties() {
        return launch(StormSettings.fromSystemProperties());
    }

    static Storm.Result launch(StormSettings settings) {
        if (settings.merge().isPresent()) {
            return Storm.merge(settings);
        }
        Fixture fixture = Storm.fixture(settings); // enough devices? said before the platform takes its seconds to start
        if (!fixture.broker().embedded()) {
            return Storm.run(settings, fixture);
        }
        try (ReferencePlatform platform = ReferencePlatform.start(fixture, Behaviour.exemplary(), PLATFORM_DIR, 0)) {
            return Storm.run(settings, BrokerUnderTest.withPlatform(fixture, platform, "tcp"));
        }
    }
}
