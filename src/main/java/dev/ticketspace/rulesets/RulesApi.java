package dev.ticketspace.rulesets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ticketspace.api.ApiException;
import dev.ticketspace.rules.RuleProblem;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The bodies of {@code /api/v1/rules}: what editors send and what they get back. */
public final class RulesApi {
    private RulesApi() {
    }

    /**
     * {@code POST /versions}: the files by path ({@code badges.drl}, {@code scenarios/badges.yml}) and why.
     * Scenario files may come apart too, by name ({@code "scenarios": {"badges.yml": "..."}}).
     */
    public record Draft(@NotNull Map<String, String> files, Map<String, String> scenarios,
                        @NotBlank @Size(max = RuleSets.MAX_MESSAGE) String message) {
        /** Every file by its path. */
        public Map<String, String> allFiles() {
            Map<String, String> all = new TreeMap<>(files);
            if (scenarios != null) {
                scenarios.forEach((name, text) -> {
                    if (all.put(RuleSetFiles.SCENARIOS + name, text) != null) {
                        throw ApiException.badRequest("invalid_rule_set", "scenario file " + name
                                + " is given twice, in files and in scenarios");
                    }
                });
            }
            return all;
        }
    }

    /** {@code POST /versions/{v}/publish}: why (optional, recorded with the publication). */
    public record PublishRequest(@Size(max = RuleSets.MAX_MESSAGE) String reason) {
    }

    /** A version in the list, newest first. {@code publishable} is null while it has not been checked. */
    public record Summary(int version, String author, String message, Instant createdAt, String hash,
                          boolean published, Boolean publishable) {
    }

    /**
     * A version with its files and its check: {@code rules} compiled, {@code problems} (errors and
     * warnings at {@code file:line:column}), {@code scenarios} ({@code passed}, {@code failed},
     * {@code failures} with their differences, {@code warnings}; null when they could not run). While
     * unchecked ({@code checked: false}, version 1 of a first start) those are null: it is checked when
     * published.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Detail(int version, String author, String message, Instant createdAt, String hash,
                         boolean published, boolean checked, Boolean publishable, Integer rules,
                         List<RuleProblem> problems, Check.Scenarios scenarios, Long checkMillis,
                         Map<String, String> files) {
        public static Detail of(RuleSets.Version version, boolean published, RuleSetFiles files) {
            Check check = version.check();
            return new Detail(version.version(), version.author(), version.message(), version.createdAt(),
                    version.hash(), published, check != null, check == null ? null : check.publishable(),
                    check == null ? null : check.rules(), check == null ? null : check.problems(),
                    check == null ? null : check.scenarios(), check == null ? null : check.millis(), files.files());
        }
    }

    /** {@code GET /published}: the version every replica serves (or is switching to), and its publication. */
    public record Published(@JsonUnwrapped Detail detail, long publication, Instant publishedAt, String publishedBy,
                            String reason) {
    }

    /** {@code GET /publications}: every publication, newest first; the first is in force. */
    public record Publications(List<RuleSets.Publication> publications, Long next) {
    }

    /** {@code GET /versions/{a}/diff/{b}}: the files that differ, each as a unified diff. */
    public record Diff(int from, int to, List<RuleSets.FileDiff> files) {
    }

    /** {@code GET /audit}: editors' calls, newest first; {@code next} pages on ({@code ?before=next}). */
    public record Audit(List<RuleSetDao.AuditRow> entries, Long next) {
    }
}
