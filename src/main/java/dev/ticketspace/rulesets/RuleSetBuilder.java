package dev.ticketspace.rulesets;

import com.codahale.metrics.Timer;
import dev.ticketspace.rules.RulesCompiler;
import java.nio.file.Path;
import java.util.Map;

/** Builds a published version into rules a replica can serve. */
@FunctionalInterface
public interface RuleSetBuilder {
    /** With the executable model, problems named {@code version-N/file.drl}. */
    RuleSetBuilder COMPILER = (version, drl) -> new RulesCompiler(Path.of("version-" + version)).compile(drl);

    /** Never throws: a set that does not build is a failed compilation. */
    RulesCompiler.Compilation build(int version, Map<String, String> drl);

    /** This builder, each build timed by {@code timer}. */
    default RuleSetBuilder timedBy(Timer timer) {
        return (version, drl) -> {
            try (Timer.Context ignored = timer.time()) {
                return build(version, drl);
            }
        };
    }
}
