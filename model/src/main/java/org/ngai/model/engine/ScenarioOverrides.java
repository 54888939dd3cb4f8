package org.ngai.model.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import picocli.CommandLine.Option;

/**
 * The scenario overrides every command line takes ({@code ngai run}, {@code ngai compare}, {@code ./simulate}):
 * {@code --firms}, {@code --ticks}, {@code --seed}, as a picocli mixin. The overridden scenario is validated
 * again, so an out-of-range override is rejected naming the field.
 */
public final class ScenarioOverrides {
    @Option(names = "--firms", description = "Override the number of firms.")
    Integer firms;
    @Option(names = "--ticks", description = "Override the number of quarters.")
    Integer ticks;
    @Option(names = "--seed", description = "Override the seed.")
    Long seed;

    /** The scenario named (a file, else a bundled name) with these overrides applied. */
    public Scenario apply(String nameOrFile) {
        return resolve(nameOrFile, firms, ticks, seed);
    }

    /** A scenario file or bundled name, with the overrides that are not null applied. */
    public static Scenario resolve(String nameOrFile, Integer firms, Integer ticks, Long seed) {
        Scenario s = Files.isRegularFile(Path.of(nameOrFile)) ? ScenarioLoader.load(Path.of(nameOrFile))
                : ScenarioLoader.bundled(nameOrFile);
        Scenario.Builder b = s.toBuilder();
        if (firms != null) {
            b.firms(firms);
        }
        if (ticks != null) {
            b.ticks(ticks);
        }
        if (seed != null) {
            b.seed(seed);
        }
        return b.build();
    }
}
