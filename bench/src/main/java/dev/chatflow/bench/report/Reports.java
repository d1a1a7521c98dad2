package dev.chatflow.bench.report;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chatflow.bench.run.RunResult;
import dev.chatflow.schemas.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a bench's summary table, its JSON report and its latency chart (HTML with an SVG percentile curve). */
public final class Reports {

    private Reports() {
    }

    /** The machine the bench ran on. */
    public static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            m.put("memoryMb", sun.getTotalMemorySize() / (1024 * 1024));
        }
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return m;
    }

    public static void printSummary(BenchReport report, PrintStream out) {
        RunResult r = report.result();
        out.println();
        out.println("chatflow bench — " + report.mode());
        out.println("-".repeat(64));
        if (r != null) {
            row(out, "target rate", "%.0f msg/s", r.targetRate());
            row(out, "achieved rate (accepted)", "%.0f msg/s", r.achievedRate());
            row(out, "sent / accepted / errors", "%d / %d / %d %s", r.sent(), r.accepted(), r.errors(),
                    r.errorCodes().isEmpty() ? "" : r.errorCodes());
            row(out, "deliveries / expected", "%d / %d", r.delivered(), r.expected());
            row(out, "latency p50 / p90 / p99", "%.1f / %.1f / %.1f ms", r.latency().p50(), r.latency().p90(), r.latency().p99());
            row(out, "latency p99.9 / max", "%.1f / %.1f ms", r.latency().p999(), r.latency().max());
            var st = r.stages();
            row(out, "p50 / p99 by stage", "to ingest %.1f / %.1f ms, ingest → socket %.1f / %.1f ms",
                    st.ingest().p50(), st.ingest().p99(), st.pipeline().p50(), st.pipeline().p99());
            row(out, "  within the pipeline", "ingest → processed %.1f / %.1f ms, processed → committed %.1f / %.1f ms",
                    st.processing().p50(), st.processing().p99(), st.commit().p50(), st.commit().p99());
            row(out, "duplicates / gaps / losses", "%d / %d / %d", r.duplicates(), r.gaps(), r.losses());
            row(out, "out of order", "%d", r.outOfOrder());
        }
        if (report.baseline() != null) {
            row(out, "raw Kafka baseline", "%.0f rec/s produce, %.0f rec/s produce→consume",
                    report.baseline().producedPerSec(), report.baseline().endToEndPerSec());
            if (report.ratioToBaseline() != null) {
                row(out, "pipeline / baseline", "%.3f", report.ratioToBaseline());
            }
        }
        report.services().forEach((name, u) -> row(out, name, "CPU avg %.0f%% max %.0f%%, heap max %.0f MB",
                u.cpuAvg() * 100, u.cpuMax() * 100, u.heapMaxMb()));
        out.println("-".repeat(64));
        out.println(report.passed() ? "PASSED" : "FAILED: " + String.join("; ", report.failures()));
    }

    private static void row(PrintStream out, String label, String format, Object... args) {
        out.printf(Locale.ROOT, "%-28s %s%n", label, String.format(Locale.ROOT, format, args));
    }

    /** Writes {@code bench-report.json} and {@code latency.html} into {@code dir}. */
    public static void write(BenchReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("bench-report.json"),
                Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(report));
        Files.writeString(dir.resolve("latency.html"), html(report), StandardCharsets.UTF_8);
    }

    /** A self-contained page: the percentile curve of every run as SVG, x in "nines" (log scale). */
    static String html(BenchReport report) {
        int width = 800;
        int height = 420;
        int left = 60;
        int bottom = 40;
        double maxNines = 5; // up to 99.999 %
        double maxMs = report.runs().stream().flatMap(r -> r.curve().stream()).mapToDouble(RunResult.Point::latencyMs)
                .max().orElse(1);
        maxMs = Math.max(1, maxMs * 1.05);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='12'>",
                width + 20, height + 20));
        svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>", left, height - bottom, width, height - bottom));
        svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='10' x2='%d' y2='%d' stroke='black'/>", left, left, height - bottom));
        String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int n = 0; n <= maxNines; n++) {
            double x = left + (width - left) * n / maxNines;
            svg.append(String.format(Locale.ROOT, "<text x='%.0f' y='%d' text-anchor='middle'>%s</text>", x, height - bottom + 18, labels[n]));
        }
        for (int t = 0; t <= 4; t++) {
            double v = maxMs * t / 4;
            double y = (height - bottom) - (height - bottom - 10) * t / 4.0;
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%.0f' text-anchor='end'>%.0f ms</text>", left - 5, y + 4, v));
        }
        String[] colors = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
        List<RunResult> runs = report.runs();
        for (int i = 0; i < runs.size(); i++) {
            StringBuilder points = new StringBuilder();
            for (RunResult.Point p : runs.get(i).curve()) {
                double nines = p.percentile() >= 100 ? maxNines : Math.min(maxNines, -Math.log10(1 - p.percentile() / 100));
                double x = left + (width - left) * nines / maxNines;
                double y = (height - bottom) - (height - bottom - 10) * p.latencyMs() / maxMs;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            String color = colors[i % colors.length];
            svg.append("<polyline fill='none' stroke='").append(color).append("' stroke-width='2' points='").append(points).append("'/>");
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' fill='%s'>%.0f msg/s</text>", width - 110, 25 + 16 * i, color,
                    runs.get(i).targetRate()));
        }
        svg.append("</svg>");
        RunResult r = report.result();
        String summary = r == null ? "" : String.format(Locale.ROOT,
                "<p>achieved %.0f msg/s; p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms; duplicates %d, gaps %d, losses %d</p>",
                r.achievedRate(), r.latency().p50(), r.latency().p99(), r.latency().p999(), r.latency().max(),
                r.duplicates(), r.gaps(), r.losses());
        return "<!doctype html><html><head><meta charset='utf-8'><title>chatflow bench</title></head><body>"
                + "<h1>chatflow bench: end-to-end latency by percentile</h1>" + summary + svg
                + "<p>" + (report.passed() ? "PASSED" : "FAILED: " + String.join("; ", report.failures())) + "</p></body></html>";
    }
}
