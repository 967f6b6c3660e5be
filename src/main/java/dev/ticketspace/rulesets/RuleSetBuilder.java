package dev.ticketspace.rulesets;

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
}
