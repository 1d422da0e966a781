package io.edgemqtt.benchmark;

import static io.edgemqtt.benchmark.BenchmarkRunner.fmt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Turns the collected results into Markdown: targets first, then every library's medians, then the machine. */
final class Report {
    private final BenchmarkRunner runner;
    private final StringBuilder out = new StringBuilder();

    Report(BenchmarkRunner runner) {
        this.runner = runner;
    }

    /** Which way is better for a metric. */
    private enum Better {
        HIGHER, LOWER
    }

    String render(String loadBefore, String loadAfter, long minutes) {
        Map<String, String> options = runner.options();
        line("# EdgeMQTT client benchmarks");
        line("");
        line("Run " + Instant.now() + ", mode **" + (runner.full() ? "full" : "quick") + "**, median of "
                + runner.repeats() + " repeats per cell (each after a warm-up in the same JVM), libraries interleaved, "
                + "in-flight window " + runner.window() + ", took " + minutes + " min.");
        line("Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), JDK "
                + System.getProperty("java.vm.version") + ", Mosquitto " + options.getOrDefault("mosquitto", "?")
                + ". Load average (1/5/15 min) before: `" + loadBefore + "`, after: `" + loadAfter + "`.");
        line("");
        line("`edge` is this project's client; the best peer is the better of Paho 1.2.5 (async) and HiveMQ 1.4.2"
                + " (async) in that cell; `limit` is the raw-socket baseline (what Mosquitto forwards here). Ratios are"
                + " ours / other, from the same run; for CPU and latency lower is better.");
        line("");
        line("## Against the targets of issue 9");
        line("");
        line("| cell | ours | best peer | ours / best peer | limit | ours / limit | target | met |");
        line("|---|---:|---:|---:|---:|---:|---|---|");
        for (BenchmarkRunner.Cell cell : runner.cells()) {
            String key = cell.key();
            switch (cell.scenario()) {
                case "throughput": {
                    String target = null;
                    double threshold = 0;
                    boolean againstLimit = false;
                    if (!cell.oneCore()) {
                        if (cell.qos() == 2) {
                            target = ">= 1.2 x best peer";
                            threshold = 1.2;
                        } else if (cell.size() == 64) {
                            target = ">= 0.95 x limit";
                            threshold = 0.95;
                            againstLimit = true;
                        } else {
                            target = ">= 1.5 x best peer";
                            threshold = 1.5;
                        }
                    }
                    targetRow(key + ", msg/s", key, "msgps", Better.HIGHER, target, threshold, againstLimit);
                    targetRow(key + ", CPU us/msg", key, "cpuus", Better.LOWER, "<= 0.7 x best peer", 0.7, false);
                    break;
                }
                case "latency":
                    targetRow(key + ", p50 us", key, "p50us", Better.LOWER, "<= 1.0 x best peer", 1.0, false);
                    targetRow(key + ", p99 us", key, "p99us", Better.LOWER, null, 0, false);
                    break;
                default:
                    absoluteRow(key, "heap per client, KiB", "heapkib", 12);
                    absoluteRow(key, "threads per client", "threads", 0.05);
                    targetRow(key + ", connect ms (median)", key, "connectms", Better.LOWER, null, 0, false);
                    jarRow();
            }
        }
        line("");
        line("## Every library (medians; flags: repeats that failed, lost or duplicated messages)");
        line("");
        line("| cell | metric | edge | paho | hivemq | limit | spread of ours (max-min)/median |");
        line("|---|---|---:|---:|---:|---:|---:|");
        for (BenchmarkRunner.Cell cell : runner.cells()) {
            List<String> metrics = switch (cell.scenario()) {
                case "throughput" -> List.of("msgps", "mbps", "cpuus");
                case "latency" -> List.of("p50us", "p99us");
                default -> List.of("heapkib", "threads", "connectms", "firstconnectms");
            };
            for (String metric : metrics) {
                StringBuilder row = new StringBuilder("| " + cell.key() + " | " + metric + " |");
                for (String library : BenchmarkRunner.ALL) {
                    row.append(' ').append(cellText(cell.key(), library, metric, cell.qos())).append(" |");
                }
                row.append(' ').append(spread(cell.key(), BenchmarkRunner.OURS, metric)).append(" |");
                line(row.toString());
            }
        }
        line("");
        line("Method: throughput = messages from the first publish to the last receipt (after a warm-up; the count is"
                + " sized from the warm-up rate so that the measured run lasts about 5 s in a full run, 1.5 s in a quick"
                + " one), one publisher and one"
                + " subscriber connection of the same library in one JVM, at most the window of publishes outstanding"
                + " (the limit writes pre-encoded packets in batches of 256 KiB within the same window); CPU = process"
                + " CPU time of that JVM (both clients, JIT and GC included) / messages; latency = publish to delivery,"
                + " one message at a time; footprint = heap used (after GC) and live threads, with 200 connected"
                + " clients minus before any, / 200. `(1 core)` cells run the client JVM under `taskset -c 0`."
                + " Failed cells (if any) are listed in the `.log` next to this file.");
        return out.toString();
    }

    private void targetRow(String label, String key, String metric, Better better, String target, double threshold,
            boolean againstLimit) {
        double ours = median(key, BenchmarkRunner.OURS, metric);
        String bestPeer = null;
        double best = Double.NaN;
        for (String peer : BenchmarkRunner.PEERS) {
            double value = median(key, peer, metric);
            if (!Double.isNaN(value) && (Double.isNaN(best)
                    || (better == Better.HIGHER ? value > best : value < best))) {
                best = value;
                bestPeer = peer;
            }
        }
        double limit = median(key, "limit", metric);
        double toPeer = ours / best;
        double toLimit = ours / limit;
        String met = "";
        if (target != null && !Double.isNaN(ours)) {
            double ratio = againstLimit ? toLimit : toPeer;
            boolean ok = better == Better.HIGHER ? ratio >= threshold : ratio <= threshold;
            met = ok ? "yes" : "**no** (" + fmt(ratio) + ")";
        }
        line("| " + label + " | " + fmt(ours) + " | " + (bestPeer == null ? "-" : fmt(best) + " " + bestPeer) + " | "
                + fmt(toPeer) + " | " + fmt(limit) + " | " + fmt(toLimit) + " | " + (target == null ? "-" : target)
                + " | " + met + " |");
    }

    private void absoluteRow(String key, String label, String metric, double maximum) {
        double ours = median(key, BenchmarkRunner.OURS, metric);
        String bestPeer = null;
        double best = Double.NaN;
        for (String peer : BenchmarkRunner.PEERS) {
            double value = median(key, peer, metric);
            if (!Double.isNaN(value) && (Double.isNaN(best) || value < best)) {
                best = value;
                bestPeer = peer;
            }
        }
        String met = Double.isNaN(ours) ? "" : ours <= maximum ? "yes" : "**no** (" + fmt(ours / maximum) + " x)";
        line("| " + key + ", " + label + " | " + fmt(ours) + " | " + (bestPeer == null ? "-" : fmt(best) + " "
                + bestPeer) + " | " + fmt(ours / best) + " | - | - | <= " + maximum + " | " + met + " |");
    }

    private void jarRow() {
        Path libs = Paths.get(runner.options().get("libs"));
        double ours = jarKib(libs.resolve("edge"));
        double paho = jarKib(libs.resolve("paho"));
        double hivemq = jarKib(libs.resolve("hivemq"));
        double best = Math.min(paho, hivemq);
        String bestPeer = paho <= hivemq ? "paho" : "hivemq";
        line("| jars a user ships, KiB (ours: api + impl; hivemq: with its " + count(libs.resolve("hivemq"))
                + " runtime jars) | " + fmt(ours) + " | " + fmt(best) + " " + bestPeer + " | " + fmt(ours / best)
                + " | - | - | <= 300 | " + (ours <= 300 ? "yes" : "**no**") + " |");
    }

    private static double jarKib(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".jar")).mapToLong(p -> p.toFile().length()).sum()
                    / 1024.0;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static long count(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".jar")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private String cellText(String key, String library, String metric, int qos) {
        List<Map<String, String>> runs = runs(key, library);
        if (runs.isEmpty()) {
            return "";
        }
        double value = median(key, library, metric);
        String text = fmt(value);
        long errors = runs.stream().filter(r -> r.containsKey("error")).count();
        long lossy = runs.stream().filter(r -> parse(r.get("lost")) > 0).count();
        long stalled = runs.stream().filter(Report::failed).count() - errors;
        long duplicated = runs.stream().filter(r -> parse(r.get("dup")) > 0).count();
        if (errors > 0) {
            text += " (" + errors + " of " + runs.size() + " failed)";
        }
        if (lossy > 0) {
            text += " (lost messages in " + lossy + " of " + runs.size()
                    + (stalled > 0 ? ", " + stalled + " left out of the median" : "") + ")";
        }
        if (duplicated > 0) {
            text += " (dup in " + duplicated + ")";
        }
        return text;
    }

    private String spread(String key, String library, String metric) {
        List<Double> values = values(key, library, metric);
        if (values.size() < 2) {
            return "-";
        }
        double median = median(key, library, metric);
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return fmt(100 * (max - min) / median) + " %";
    }

    private List<Map<String, String>> runs(String key, String library) {
        return runner.results().getOrDefault(key, Map.of()).getOrDefault(library, List.of());
    }

    private List<Double> values(String key, String library, String metric) {
        List<Double> values = new ArrayList<>();
        for (Map<String, String> run : runs(key, library)) {
            double value = parse(run.get(metric));
            if (!failed(run) && !Double.isNaN(value)) {
                values.add(value);
            }
        }
        return values;
    }

    double median(String key, String library, String metric) {
        List<Double> values = values(key, library, metric);
        if (values.isEmpty()) {
            return Double.NaN;
        }
        values.sort(Double::compare);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    /**
     * A run that failed, lost any QoS 1/2 message, or lost more than 1 % at QoS 0 (a stalled connection, not the
     * occasional drop QoS 0 allows) does not count towards the median; the table flags it.
     */
    private static boolean failed(Map<String, String> run) {
        if (run.containsKey("error")) {
            return true;
        }
        double lost = parse(run.get("lost"));
        if (Double.isNaN(lost) || lost == 0) {
            return false;
        }
        return parse(run.get("qos")) > 0 || lost > 0.01 * parse(run.get("count"));
    }

    private static double parse(String value) {
        if (value == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Paths.get("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
