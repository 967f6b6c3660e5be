package dev.ticketspace.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams at scale, against one replica: {@code streams} streams of {@code customers} generated customers,
 * held by {@code processes} {@link StreamClients} processes. Measures, in this order: the connect storm
 * (every stream opened at once, until each had its first state event); the replica's RSS, heap and CPU
 * per stream against the same replica before the streams; one customer's change to its streams, p50/p99,
 * one change at a time (the baseline) and then {@code rate} customers a second; a workspace-wide change
 * (a Home app added) to every stream, with the latency of state reads meanwhile against the same reads
 * before it. Prints a {@code RESULT} line. Run with bench/streams.sh.
 */
public final class StreamsBench {
    private static final Duration GIVE_UP = Duration.ofSeconds(120);
    private static final int WARM_UP_READS = 2000;
    private static final int BASELINE_CHANGES = 20;
    private static final int PROBE_READS = 200;
    /** The replica runs with -XX:NativeMemoryTracking=summary: show where the streams' memory is. */
    private static final boolean NMT = System.getenv("BENCH_NMT") != null;

    private final Args args;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final EventPosts posts;
    private final ExecutorService changers = Executors.newCachedThreadPool();
    private final long began = System.nanoTime();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** Per stream, the state events it received: version and arrival (micros since the epoch). */
    private final List<List<long[]>> received = new ArrayList<>();
    private final AtomicInteger ended = new AtomicInteger();
    private final List<String> endReasons = new ArrayList<>();

    /**
     * @param app       the replica's application URL
     * @param admin     its admin URL
     * @param pid       its process id (for /proc and jcmd)
     * @param bases     the URLs the clients open streams to (addresses of the same replica)
     * @param changes   customer changes at {@code rate} a second
     */
    private record Args(String app, String admin, long pid, String apiKey, List<String> bases, int streams,
                        int customers, int processes, int changes, int rate, String classpath) {
    }

    /** Arguments: app URL, admin URL, pid, API key, client base URLs (comma-separated), streams, customers, processes, changes, rate. */
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv[0], argv[1], Long.parseLong(argv[2]), argv[3], List.of(argv[4].split(",")),
                Integer.parseInt(argv[5]), Integer.parseInt(argv[6]), Integer.parseInt(argv[7]),
                Integer.parseInt(argv[8]), Integer.parseInt(argv[9]), System.getProperty("java.class.path"));
        try {
            new StreamsBench(args).measure();
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private StreamsBench(Args args) {
        this.args = args;
        this.posts = new EventPosts(http, args.app(), args.apiKey());
        for (int i = 0; i < args.streams(); i++) {
            received.add(new ArrayList<>());
        }
    }

    private void measure() throws Exception {
        // warm-up by work: state reads of distinct customers, then changes one at a time
        reads(WARM_UP_READS, 16);
        progress("warmed up");
        Usage idle = usage();
        if (NMT) {
            jcmd("VM.native_memory", "baseline");
        }
        List<Process> clients = startClients();
        long stormStart = micros();
        for (Process client : clients) {
            Writer command = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8);
            command.write("open\n");
            command.flush();
        }
        long connectMicros = waitAll(stream -> true, stormStart) - stormStart;
        progress("connect storm: %.2f s", connectMicros / 1e6);
        Usage held = usage();
        if (NMT) {
            jcmd("VM.native_memory", "summary.diff");
            jcmd("GC.heap_info");
            jcmd("GC.class_histogram");
        }
        long[] quiet = changesOneAtATime();
        progress("baseline changes: p99 %.0f ms", percentile(quiet, 99) / 1e3);
        long[] loaded = changesAtRate();
        progress("changes at the rate: p99 %.0f ms", percentile(loaded, 99) / 1e3);
        Usage beforeWide = usage();
        long[] probeBefore = probe(PROBE_READS, () -> false);
        long wideStart = micros();
        CompletableFuture<Long> wide = CompletableFuture.supplyAsync(() -> waitAll(stream -> true, wideStart));
        put("/api/v1/workspaces/demo/messenger/home-apps/bench-" + run);
        long[] probeDuring = probe(Integer.MAX_VALUE, wide::isDone);
        long wideMicros = wide.get() - wideStart;
        progress("workspace-wide change: %.2f s", wideMicros / 1e6);
        Usage afterWide = usage();
        clients.forEach(Process::destroy);

        double rssPerStream = (held.rssKb() - idle.rssKb()) * 1024.0 / args.streams();
        double heapPerStream = (held.heapBytes() - idle.heapBytes()) / (double) args.streams();
        System.out.printf("RESULT streams=%d customers=%d ended=%d connect_s=%.2f rss_idle_mb=%.0f rss_mb=%.0f rss_per_stream_kb=%.1f "
                        + "heap_idle_mb=%.0f heap_mb=%.0f heap_per_stream_kb=%.1f peak_rss_mb=%.0f "
                        + "quiet_p50_ms=%.0f quiet_p99_ms=%.0f p50_ms=%.0f p99_ms=%.0f changes=%d rate=%d "
                        + "wide_s=%.2f wide_cpu_cores=%.2f probe_p99_before_ms=%.1f probe_p99_during_ms=%.1f probe_reads_during=%d "
                        + "cpu_connect_s=%.1f cpu_changes_s=%.1f%n",
                args.streams(), args.customers(), ended.get(), connectMicros / 1e6, idle.rssKb() / 1024.0,
                held.rssKb() / 1024.0, rssPerStream / 1024, idle.heapBytes() / 1048576.0, held.heapBytes() / 1048576.0,
                heapPerStream / 1024, afterWide.peakRssKb() / 1024.0,
                percentile(quiet, 50) / 1e3, percentile(quiet, 99) / 1e3, percentile(loaded, 50) / 1e3,
                percentile(loaded, 99) / 1e3, loaded.length, args.rate(),
                wideMicros / 1e6, (afterWide.cpuTicks() - beforeWide.cpuTicks()) / 100.0 / (wideMicros / 1e6),
                percentile(probeBefore, 99) / 1e3, percentile(probeDuring, 99) / 1e3, probeDuring.length,
                (held.cpuTicks() - idle.cpuTicks()) / 100.0, (beforeWide.cpuTicks() - held.cpuTicks()) / 100.0);
        if (!endReasons.isEmpty()) {
            System.out.println("streams that ended, e.g.: " + endReasons.subList(0, Math.min(5, endReasons.size())));
        }
    }

    private void progress(String format, Object... values) {
        System.err.printf("%6.1f s  %s%n", (System.nanoTime() - began) / 1e9, String.format(format, values));
    }

    private List<Process> startClients() throws Exception {
        List<Process> clients = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(args.processes());
        int each = (args.streams() + args.processes() - 1) / args.processes();
        for (int p = 0; p < args.processes(); p++) {
            int from = p * each;
            int to = Math.min(args.streams(), from + each);
            Process client = new ProcessBuilder("java", "-Xmx1g", "-XX:+UseSerialGC", "-cp", args.classpath(),
                    StreamClients.class.getName(), String.join(",", args.bases()), Integer.toString(args.customers()),
                    Integer.toString(from), Integer.toString(to)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            clients.add(client);
            Thread reader = new Thread(() -> read(client, ready));
            reader.setDaemon(true);
            reader.start();
        }
        if (!ready.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the client processes did not start");
        }
        return clients;
    }

    private void read(Process client, CountDownLatch ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] fields = line.split(" ");
                switch (fields[0]) {
                    case "READY" -> ready.countDown();
                    case "S" -> {
                        List<long[]> events = received.get(Integer.parseInt(fields[1]));
                        synchronized (events) {
                            events.add(new long[] {Long.parseLong(fields[2]), Long.parseLong(fields[3])});
                            events.notifyAll();
                        }
                    }
                    case "E" -> {
                        ended.incrementAndGet();
                        synchronized (endReasons) {
                            endReasons.add(fields[2]);
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** When the streams that {@code which} picks had all received a state event after {@code after}: the latest arrival. */
    private long waitAll(LongPredicate which, long after) {
        long latest = after;
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        for (int stream = 0; stream < args.streams(); stream++) {
            if (which.test(stream)) {
                latest = Math.max(latest, firstAfter(stream, after, deadline));
            }
        }
        return latest;
    }

    private long firstAfter(int stream, long after, long deadline) {
        List<long[]> events = received.get(stream);
        synchronized (events) {
            while (true) {
                for (long[] event : events) {
                    if (event[1] > after) {
                        return event[1];
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("stream " + stream + " had no state event within " + GIVE_UP);
                }
                try {
                    events.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Customer {@code n} (0-based) changes; micros from its 200 to the last of its streams having the change. */
    private CompletableFuture<Long> change(int n) {
        return CompletableFuture.supplyAsync(() -> {
            long sent = micros();
            String customer = "sample-" + (n + 1);
            try {
                posts.post(EventPosts.event("conversation.created", "\"conversationId\": \"" + customer + "-"
                        + UUID.randomUUID() + "\", \"customerId\": \"" + customer + "\""));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            long accepted = micros();
            return Math.max(0, waitAll(stream -> stream % args.customers() == n, sent) - accepted);
        }, changers);
    }

    private long[] changesOneAtATime() throws Exception {
        long[] latencies = new long[BASELINE_CHANGES];
        for (int i = 0; i < BASELINE_CHANGES; i++) {
            latencies[i] = change(i % args.customers()).get();
        }
        return latencies;
    }

    private long[] changesAtRate() throws Exception {
        List<CompletableFuture<Long>> pending = new ArrayList<>();
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch done = new CountDownLatch(args.changes());
        AtomicInteger next = new AtomicInteger(BASELINE_CHANGES);
        ticks.scheduleAtFixedRate(() -> {
            if (done.getCount() > 0) {
                synchronized (pending) {
                    pending.add(change(next.getAndIncrement() % args.customers()));
                }
                done.countDown();
            }
        }, 0, 1_000_000 / args.rate(), TimeUnit.MICROSECONDS);
        done.await();
        ticks.shutdown();
        long[] latencies = new long[pending.size()];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = pending.get(i).get();
        }
        return latencies;
    }

    /** State reads of distinct customers, {@code parallel} at a time. */
    private void reads(int count, int parallel) throws Exception {
        Semaphore slots = new Semaphore(parallel);
        for (int i = 0; i < count; i++) {
            slots.acquire();
            http.sendAsync(stateRead(i), HttpResponse.BodyHandlers.discarding()).whenComplete((r, f) -> slots.release());
        }
        slots.acquire(parallel);
    }

    /** Reads one after the other until {@code count} or {@code stop}: micros each. */
    private long[] probe(int count, BooleanSupplier stop) throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < count && !stop.getAsBoolean(); i++) {
            long started = micros();
            HttpResponse<Void> response = http.send(stateRead(i), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("state read: " + response.statusCode());
            }
            latencies.add(micros() - started);
        }
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    private HttpRequest stateRead(int n) {
        // the state of the customer the bench's token file names on line n
        return HttpRequest.newBuilder(URI.create(args.app() + "/api/v1/messenger"))
                .header("Authorization", "Bearer " + TOKENS.get(n % TOKENS.size())).build();
    }

    private static final List<String> TOKENS = readTokens();

    private static List<String> readTokens() {
        try {
            return Files.readAllLines(Path.of(System.getProperty("bench.tokens", "target/bench/tokens.txt")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void put(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(args.app() + path))
                .header("Authorization", "Bearer " + args.apiKey()).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** The replica's resident memory (now and at its peak), heap used after a full collection, and CPU ticks. */
    private record Usage(long rssKb, long peakRssKb, long heapBytes, long cpuTicks) {
    }

    /** Runs a jcmd command on the replica, its output to stderr. */
    private void jcmd(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(args.pid())));
        line.addAll(List.of(command));
        new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start().waitFor();
    }

    private Usage usage() throws Exception {
        new ProcessBuilder("jcmd", Long.toString(args.pid()), "GC.run").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
        String metrics = http.send(HttpRequest.newBuilder(URI.create(args.admin() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher heap = Pattern.compile("\"jvm.memory.heap.used\":\\{\"value\":(\\d+)")
                .matcher(metrics);
        if (!heap.find()) {
            throw new IllegalStateException("no jvm.memory.heap.used in /metrics");
        }
        List<String> status = Files.readAllLines(Path.of("/proc/" + args.pid() + "/status"));
        String[] stat = Files.readString(Path.of("/proc/" + args.pid() + "/stat")).replaceFirst(".*\\) ", "").split(" ");
        return new Usage(kb(status, "VmRSS:"), kb(status, "VmHWM:"), Long.parseLong(heap.group(1)),
                Long.parseLong(stat[11]) + Long.parseLong(stat[12]));
    }

    private static long kb(List<String> status, String field) {
        return status.stream().filter(line -> line.startsWith(field)).findFirst()
                .map(line -> Long.parseLong(line.replaceAll("\\D", ""))).orElseThrow();
    }

    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    private static double percentile(long[] values, int percent) {
        if (values.length == 0) {
            return Double.NaN;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }
}
