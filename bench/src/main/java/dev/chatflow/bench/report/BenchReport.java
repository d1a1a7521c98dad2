package dev.chatflow.bench.report;

import dev.chatflow.bench.baseline.KafkaBaseline;
import dev.chatflow.bench.run.Params;
import dev.chatflow.bench.run.RunResult;
import dev.chatflow.bench.system.ServiceStats;
import java.util.List;
import java.util.Map;

/**
 * Everything a bench run reports, as written to {@code bench-report.json}.
 *
 * @param mode        "fixed-rate" or "max-throughput"
 * @param runs        every run (one for a fixed rate, one per step for max-throughput)
 * @param result      the run the summary is about (the fixed-rate run, or the highest sustained step)
 * @param ratioToBaseline result's achieved rate / the baseline's end-to-end rate
 */
public record BenchReport(String mode, Params parameters, Map<String, Object> machine, List<RunResult> runs,
                          RunResult result, KafkaBaseline.Result baseline, Double ratioToBaseline,
                          Map<String, ServiceStats.Usage> services, boolean passed, List<String> failures) {
}
