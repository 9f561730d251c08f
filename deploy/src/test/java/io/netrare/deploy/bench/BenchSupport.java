package io.netrare.deploy.bench;

import io.netrare.simulator.FleetSimulator;
import io.netrare.simulator.FleetSpec;
import io.netrare.simulator.SimulationFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmark mains share: the simulated fleet they read, the machine's load, the JVM's CPU time. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** A simulated fleet (the default spec, seed 42) as ECS NDJSON in a new temporary directory. */
    static Path simulatedFleet(String dirPrefix, int hosts, int days) throws IOException {
        Path file = Files.createTempDirectory(dirPrefix).resolve("fleet.ndjson");
        FleetSimulator sim = new FleetSimulator(FleetSpec.defaults().withHosts(hosts).withDays(days));
        SimulationFiles.write(sim, file.toString(), null, OutputStream.nullOutputStream());
        return file;
    }

    /** What a benchmark main does with its fleet: {@code hosts} x {@code days}, simulated into {@code file}. */
    @FunctionalInterface
    interface FleetBenchmark {
        void run(Path file, int hosts, int days, String model) throws Exception;
    }

    /**
     * A benchmark main's frame: reads {@code [hosts] [days] [model]} from {@code args} (model {@code rare} by
     * default), prints the load average, simulates the fleet, runs {@code benchmark} over it, deletes the fleet's
     * file, prints the load average again and exits the JVM (the embedded brokers leave threads behind).
     */
    static void runOnFleet(String[] args, int defaultHosts, int defaultDays, String dirPrefix, FleetBenchmark benchmark)
            throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : defaultHosts;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : defaultDays;
        String model = args.length > 2 ? args[2] : "rare";
        System.out.printf("load average at start: %.2f (%d cores)%n", loadAverage(), Runtime.getRuntime().availableProcessors());
        Path file = simulatedFleet(dirPrefix, hosts, days);
        try {
            benchmark.run(file, hosts, days, model);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
        System.out.printf("load average at end: %.2f%n", loadAverage());
        System.exit(0);
    }

    /** CPU time of this whole JVM (broker included). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The first sample at or past {@code events} (samples are {nanos, events processed, ...}), or the last one. */
    static long[] crossing(java.util.List<long[]> samples, long events) {
        for (long[] x : samples) {
            if (x[1] >= events) {
                return x;
            }
        }
        return samples.get(samples.size() - 1);
    }
}
