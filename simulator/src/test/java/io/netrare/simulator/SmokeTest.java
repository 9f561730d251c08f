package io.netrare.simulator;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;

class SmokeTest {
    @Test
    void smoke() throws Exception {
        for (FleetSpec spec : new FleetSpec[] {FleetSpec.defaults(), FleetSpec.demo()}) {
            long t0 = System.nanoTime();
            FleetSimulator sim = new FleetSimulator(spec);
            java.io.Writer w = new java.io.BufferedWriter(new java.io.FileWriter("/tmp/sim-" + spec.hosts() + ".ndjson"));
            SimulationSummary s = sim.writeEcs(w);
            w.close();
            System.out.println(s + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            StringWriter lw = new StringWriter();
            sim.writeLabels(lw);
            java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/labels-" + spec.hosts() + ".json"), lw.toString());
            sim.attacks().forEach(System.out::println);
            System.out.println(Fleet.roleCounts(spec.hosts()));
        }
    }
}
