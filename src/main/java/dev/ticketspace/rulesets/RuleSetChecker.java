package dev.ticketspace.rulesets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketspace.api.ApiException;
import io.dropwizard.lifecycle.Managed;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks rule sets in a bounded pool of processes of their own ({@link CheckProcess}): DRL from editors is
 * compiled to Java and run, so a pathological set (a huge file, a rule that never settles, a consequence
 * that loops or calls {@code System.exit}) may exhaust only its own process, which is stopped at the time
 * limit. The process gets no environment variables, a heap limit and one processor.
 */
public final class RuleSetChecker implements Managed {
    /** A check's answer is bounded by {@link Check#MAX_LISTED}; a bigger file is not a check's answer. */
    private static final long MAX_RESULT_BYTES = 8 * 1024 * 1024;
    /** JVM exit status on -XX:+ExitOnOutOfMemoryError. */
    private static final int OUT_OF_MEMORY = 3;
    private static final Logger LOG = LoggerFactory.getLogger(RuleSetChecker.class);

    private final CheckConfig config;
    private final ObjectMapper json;
    private final int cardLimit;
    private final ThreadPoolExecutor pool;

    /** @param cardLimit the Recent tickets card limit scenarios run with unless they set their own */
    public RuleSetChecker(CheckConfig config, ObjectMapper json, int cardLimit) {
        this.config = config;
        this.json = json;
        this.cardLimit = cardLimit;
        this.pool = new ThreadPoolExecutor(config.concurrency(), config.concurrency(), 0, TimeUnit.MILLISECONDS,
                config.queue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(config.queue()),
                runnable -> {
                    Thread thread = new Thread(runnable, "rules-check");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Checks the set and answers how it went; a check stopped at the time limit or for want of memory is
     * a check with one problem saying so. 503 {@code check_busy} when the pool and its queue are full.
     */
    public Check check(RuleSetFiles files) {
        return answer(submit(files, UnaryOperator.identity()));
    }

    /**
     * Starts checking the set on the pool, {@code then} applied to the check there (so it happens even if no
     * one waits); 503 {@code check_busy} when the pool and its queue are full.
     */
    public Future<Check> submit(RuleSetFiles files, UnaryOperator<Check> then) {
        try {
            return pool.submit(() -> then.apply(run(files)));
        } catch (RejectedExecutionException e) {
            throw new ApiException(503, "check_busy", "other rule sets are being checked; try again in a minute");
        }
    }

    /** Waits for a check {@link #submit submitted}; an interrupted wait stops it. */
    public static Check answer(Future<Check> check) {
        try {
            return check.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            check.cancel(true);
            throw new IllegalStateException("interrupted while checking the rule set", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the rule set check failed: " + e.getCause(), e.getCause());
        }
    }

    private Check run(RuleSetFiles files) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("ticketspace-check-");
        long started = System.nanoTime();
        try {
            Path set = Files.createDirectory(work.resolve("set"));
            Path input = work.resolve("input.json");
            Path result = work.resolve("check.json");
            Path errors = work.resolve("stderr.txt");
            json.writeValue(input.toFile(), new CheckProcess.Input(files.files(), cardLimit));
            ProcessBuilder builder = new ProcessBuilder(command(input, result)).directory(set.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile());
            builder.environment().clear();
            Process process = builder.start();
            boolean finished;
            try {
                finished = process.waitFor(config.timeout().toMilliseconds(), TimeUnit.MILLISECONDS);
            } finally {
                if (process.isAlive()) {
                    process.destroyForcibly().waitFor();
                }
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (!finished) {
                return Check.stopped("the check did not finish within " + config.timeout() + " and was stopped: "
                        + "a rule that never settles, or a set too big to compile in time", millis);
            }
            if (process.exitValue() == OUT_OF_MEMORY) {
                return Check.stopped("the check ran out of memory (" + config.memory() + ") and was stopped", millis);
            }
            if (process.exitValue() == CheckProcess.EXITED) {
                return Check.stopped("the rules ended the check process (System.exit in a consequence?)", millis);
            }
            if (process.exitValue() != 0 || !Files.exists(result) || Files.size(result) > MAX_RESULT_BYTES) {
                String tail = tail(errors);
                LOG.warn("a rule set check ended with status {}: {}", process.exitValue(), tail);
                return Check.stopped("the check ended without an answer (status " + process.exitValue() + ")"
                        + (tail.isEmpty() ? "" : ": " + tail), millis);
            }
            return json.readValue(result.toFile(), Check.class);
        } finally {
            delete(work);
        }
    }

    private List<String> command(Path input, Path result) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + config.memory().toMegabytes() + "m");
        command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ActiveProcessorCount=1",
                "-XX:+ExitOnOutOfMemoryError"));
        command.add("-cp");
        // absolute: the process works in a folder of its own
        command.add(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator)));
        command.add(CheckProcess.class.getName());
        command.add(input.toAbsolutePath().toString());
        command.add(result.toAbsolutePath().toString());
        return command;
    }

    /** The last lines of what the process wrote to its standard error, for the log and the answer. */
    private static String tail(Path errors) throws IOException {
        if (!Files.exists(errors)) {
            return "";
        }
        List<String> lines = Files.readAllLines(errors, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .toList();
        String last = String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        return last.length() > 500 ? last.substring(0, 500) + "..." : last;
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot delete {}: {}", directory, e.getMessage());
        }
    }

    @Override
    public void stop() {
        pool.shutdownNow();
    }
}
