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

    /** Deletes a fleet file of {@link #simulatedFleet} and its directory. */
    static void deleteFleet(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.getParent());
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
