package io.edgemqtt.benchmark;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs every cell for every library, each in its own JVM, interleaved: round after round, and within a cell the
 * libraries in a rotating order, so a burst of load on this shared machine hits all of them alike. Writes the medians
 * as a Markdown table with our figure, the ratio to the best peer and to the limit, all from this one run.
 *
 * <pre>
 * BenchmarkRunner --port P --mode quick|full --out results.md --jar bench.jar --libs target/lib
 *                 [--repeats N] [--window N] [--one-core true|false] [--mosquitto VERSION] [--only throughput,...]
 * </pre>
 */
public final class BenchmarkRunner {
    static final String OURS = "edge";
    static final List<String> PEERS = List.of("paho", "hivemq");
    static final List<String> CLIENTS = List.of("edge", "paho", "hivemq");
    static final List<String> ALL = List.of("edge", "paho", "hivemq", "limit");

    private final Map<String, String> options;
    private final int port;
    private final int window;
    private final boolean full;
    private final int repeats;
    private final boolean oneCore;
    private final Path log;
    /** cell key, then library: one result map per repeat. */
    private final Map<String, Map<String, List<Map<String, String>>>> results = new LinkedHashMap<>();
    private final List<Cell> cells = new ArrayList<>();

    /** One cell of the table: a scenario with its parameters. */
    record Cell(String scenario, int qos, int size, boolean oneCore, int count, int warmup, List<String> libraries) {
        String key() {
            switch (scenario) {
                case "throughput":
                    return "throughput QoS " + qos + " " + sizeLabel(size) + (oneCore ? " (1 core)" : "");
                case "latency":
                    return "latency QoS " + qos + " " + sizeLabel(size);
                default:
                    return "footprint, " + count + " clients";
            }
        }
    }

    private BenchmarkRunner(Map<String, String> options) {
        this.options = options;
        this.port = Integer.parseInt(options.get("port"));
        this.window = Integer.parseInt(options.getOrDefault("window", "1000"));
        this.full = "full".equals(options.getOrDefault("mode", "quick"));
        this.repeats = Integer.parseInt(options.getOrDefault("repeats", "3"));
        this.oneCore = Boolean.parseBoolean(options.getOrDefault("one-core", "true"));
        this.log = Paths.get(options.get("out") + ".log");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new BenchmarkRunner(options).run();
    }

    private void run() throws Exception {
        int scale = full ? 1 : 5;
        List<String> only = List.of(options.getOrDefault("only", "throughput,latency,footprint").split(","));
        if (only.contains("throughput")) {
            for (boolean pinned : oneCore ? List.of(false, true) : List.of(false)) {
                for (int qos = 0; qos <= 2; qos++) {
                    for (int size : new int[] {64, 16 * 1024}) {
                        // upper bounds: the run lasts about bench.measureSeconds (see CellMain#throughput)
                        int count = (size == 64 ? new int[] {400_000, 200_000, 100_000}[qos]
                                : new int[] {100_000, 60_000, 40_000}[qos]) / scale;
                        cells.add(new Cell("throughput", qos, size, pinned, count, count / 2, ALL));
                    }
                }
            }
        }
        if (only.contains("latency")) {
            for (int qos = 0; qos <= 2; qos++) {
                cells.add(new Cell("latency", qos, 64, false, full ? 5_000 : 1_000, full ? 2_000 : 500, ALL));
            }
        }
        if (only.contains("footprint")) {
            cells.add(new Cell("footprint", 0, 0, false, 200, 0, CLIENTS));
        }
        String loadBefore = uptime();
        Files.writeString(log, "# " + Instant.now() + " load: " + loadBefore + "\n");
        long started = System.nanoTime();
        for (int round = 0; round < repeats; round++) {
            for (int c = 0; c < cells.size(); c++) {
                Cell cell = cells.get(c);
                List<String> order = new ArrayList<>(cell.libraries());
                Collections.rotate(order, -(round + c));
                for (String library : order) {
                    Map<String, String> result = runCell(cell, library);
                    results.computeIfAbsent(cell.key(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(library, k -> new ArrayList<>())
                            .add(result);
                    String line = "round " + (round + 1) + "/" + repeats + " | " + cell.key() + " | " + library
                            + " | " + summary(result);
                    System.out.println(line);
                    Files.writeString(log, line + "\n", java.nio.file.StandardOpenOption.APPEND);
                }
            }
        }
        String loadAfter = uptime();
        long minutes = TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - started);
        String report = new Report(this).render(loadBefore, loadAfter, minutes);
        Files.writeString(Paths.get(options.get("out")), report);
        System.out.println();
        System.out.println(report);
    }

    private static String summary(Map<String, String> result) {
        return result.entrySet().stream()
                .filter(e -> !e.getKey().equals("lib") && !e.getKey().equals("scenario"))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private Map<String, String> runCell(Cell cell, String library) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (cell.oneCore()) {
            command.addAll(List.of("taskset", "-c", "0"));
        }
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms1g", "-Xmx1g", "-Dbench.warmSeconds=" + (full ? "2" : "0.5"),
                "-Dbench.measureSeconds=" + (full ? "5" : "1.5")));
        String jvmArgs = options.getOrDefault("jvm-args", "");
        if (!jvmArgs.isBlank()) {
            command.addAll(List.of(jvmArgs.replace("{lib}", library).replace("{cell}",
                    cell.key().replaceAll("[^A-Za-z0-9]+", "_")).trim().split("\\s+")));
        }
        String classPath = options.get("jar") + File.pathSeparator + Paths.get(options.get("libs"), library) + "/*";
        command.addAll(List.of("-cp", classPath, CellMain.class.getName(), library, cell.scenario(),
                Integer.toString(port), Integer.toString(window), Integer.toString(cell.qos()),
                Integer.toString(cell.size()), Integer.toString(cell.count()), Integer.toString(cell.warmup())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, String> result = new LinkedHashMap<>();
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("RESULT ")) {
                        for (String pair : line.substring(7).split(" ")) {
                            int eq = pair.indexOf('=');
                            result.put(pair.substring(0, eq), pair.substring(eq + 1));
                        }
                    } else if (output.size() < 200) {
                        output.add(line);
                    }
                }
            } catch (IOException e) {
                output.add(e.toString());
            }
        });
        reader.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            result.put("error", "timeout_after_300_s");
        }
        reader.join(5_000);
        if (result.isEmpty() || result.containsKey("error")) {
            result.putIfAbsent("error", "no_result");
            Files.writeString(log, String.join("\n", output) + "\n", java.nio.file.StandardOpenOption.APPEND);
        }
        return result;
    }

    static String uptime() {
        try {
            return Files.readString(Paths.get("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String sizeLabel(int size) {
        return size >= 1024 ? size / 1024 + " KiB" : size + " B";
    }

    // ---- for the report ---------------------------------------------------------------------------------------

    Map<String, Map<String, List<Map<String, String>>>> results() {
        return results;
    }

    List<Cell> cells() {
        return cells;
    }

    Map<String, String> options() {
        return options;
    }

    int repeats() {
        return repeats;
    }

    int window() {
        return window;
    }

    boolean full() {
        return full;
    }

    static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double abs = Math.abs(value);
        return String.format(Locale.ROOT, abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : "%.2f", value);
    }

    static void writeTo(PrintWriter out, String text) {
        out.print(text);
    }
}
