package io.netrare.deploy.ops;

import io.netrare.deploy.NetrareMain;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netrare broker} in its own process: prints its bootstrap servers, serves Kafka, stops on SIGTERM. */
class OpsBrokerCommandIT {

    @Test
    void brokerProcessServesKafkaAndStopsOnSigterm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                NetrareMain.class.getName(), "broker", "--port", "0", "--partitions", "2"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String bootstrap = null;
            String line;
            while (bootstrap == null && (line = out.readLine()) != null) {
                if (line.startsWith("bootstrap servers: ")) {
                    bootstrap = line.substring("bootstrap servers: ".length()).trim();
                }
            }
            assertThat(bootstrap).as("the broker prints its bootstrap servers").isNotNull().matches(".+:\\d+");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            }
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("broker stopped on SIGTERM").isTrue();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
