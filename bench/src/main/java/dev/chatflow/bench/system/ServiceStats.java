package dev.chatflow.bench.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples each service's CPU and heap from its {@code GET /metrics} (Micrometer's
 * {@code process_cpu_usage} and {@code jvm_memory_used_bytes{area="heap"}}) every few seconds — a scrape
 * renders hundreds of Kafka client meters, so sampling more often would itself load the services.
 */
public final class ServiceStats implements AutoCloseable {

    /** CPU (fraction of all cores, as the JVM reports it) and heap of one service over the sampled time. */
    public record Usage(double cpuAvg, double cpuMax, double heapMaxMb, int samples) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, URI> services;
    private final Map<String, double[]> totals = new ConcurrentHashMap<>(); // cpuSum, cpuMax, heapMax, samples
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-service-stats");
        t.setDaemon(true);
        return t;
    });

    public ServiceStats(Map<String, URI> services) {
        this.services = Map.copyOf(services);
        sampler.scheduleAtFixedRate(this::sample, 0, 5, TimeUnit.SECONDS);
    }

    public Map<String, Usage> usage() {
        Map<String, Usage> result = new LinkedHashMap<>();
        services.keySet().forEach(name -> {
            double[] t = totals.get(name);
            if (t != null && t[3] > 0) {
                result.put(name, new Usage(t[0] / t[3], t[1], t[2] / (1024 * 1024), (int) t[3]));
            }
        });
        return result;
    }

    private void sample() {
        services.forEach((name, base) -> {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/metrics"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return;
                }
                double cpu = 0;
                double heap = 0;
                for (String line : response.body().split("\n")) {
                    if (line.startsWith("process_cpu_usage")) {
                        cpu = value(line);
                    } else if (line.startsWith("jvm_memory_used_bytes") && line.contains("area=\"heap\"")) {
                        heap += value(line);
                    }
                }
                double[] t = totals.computeIfAbsent(name, n -> new double[4]);
                synchronized (t) {
                    t[0] += cpu;
                    t[1] = Math.max(t[1], cpu);
                    t[2] = Math.max(t[2], heap);
                    t[3]++;
                }
            } catch (Exception e) {
                // a service that does not answer this second is simply not sampled
            }
        });
    }

    private static double value(String line) {
        String[] parts = line.trim().split("\\s+");
        return Double.parseDouble(parts[parts.length - 1]);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
