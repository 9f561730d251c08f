package io.netrare.deploy.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A service started as its own JVM from the test classpath, so that a test can kill it with SIGKILL. */
final class ServiceProcess implements AutoCloseable {

    private final Process process;

    private ServiceProcess(Process process) {
        this.process = process;
    }

    static ServiceProcess start(Class<?> mainClass, String configYaml, Path workDir, String name) throws IOException {
        Path config = workDir.resolve(name + ".yaml");
        Files.writeString(config, configYaml);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                mainClass.getName(), "--config", config.toString()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve(name + ".log").toFile()));
        return new ServiceProcess(pb.start());
    }

    /** SIGKILL: no shutdown hook, no commit, the open transaction left behind. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** The YAML of a training or scoring service on the given broker. */
    static String config(String bootstrap, String prefix, String instanceId, String extraSection) {
        return """
                kafka:
                  bootstrap_servers: "%s"
                  topic_prefix: "%s"
                  instance_id: "%s"
                  transaction_timeout: 10s
                metrics:
                  host: 127.0.0.1
                  port: 0
                %s
                """.formatted(bootstrap, prefix, instanceId, extraSection);
    }
}
