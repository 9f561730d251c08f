package io.netrare.deploy.release;

import io.netrare.deploy.ops.ServiceCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release built by {@code mvn package} (target/netrare-VERSION.tar.gz) unpacks with tar into a tree a user
 * can run, {@code bin/netrare} works from it, and the Dockerfile installs it: the tarball is the only file the
 * Dockerfile adds, and every path it uses inside the installed tree is in the tarball.
 */
class ReleaseTarballIT {

    private static final Pattern TARBALL = Pattern.compile("netrare-(.+)\\.tar\\.gz");

    @TempDir
    static Path unpacked;
    static Path tarball;
    static String version;
    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> tarballs = files.filter(p -> TARBALL.matcher(p.getFileName().toString()).matches()).toList();
            assertThat(tarballs).as("one release tarball in target/").hasSize(1);
            tarball = tarballs.get(0);
        }
        Matcher m = TARBALL.matcher(tarball.getFileName().toString());
        assertThat(m.matches()).isTrue();
        version = m.group(1);
        Result tar = run(List.of("tar", "-xzf", tarball.toAbsolutePath().toString(), "-C", unpacked.toString()));
        assertThat(tar.exit()).as(tar.output()).isZero();
        home = unpacked.resolve("netrare-" + version);
    }

    record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), output);
    }

    @Test
    void theTarballHoldsTheLauncherTheJarConfigsRulesAndDeployFiles() {
        assertThat(home.resolve("bin/netrare")).isRegularFile().isExecutable();
        assertThat(home.resolve("lib/netrare.jar")).isRegularFile();
        for (ServiceCatalog s : ServiceCatalog.values()) {
            assertThat(home.resolve("config/" + s.serviceName() + ".yaml")).isRegularFile();
        }
        assertThat(home.resolve("rules/ml_linux_anomalous_network_activity.toml")).isRegularFile();
        assertThat(home.resolve("rules/PROVENANCE.md")).isRegularFile();
        assertThat(home.resolve("deploy/docker/Dockerfile")).isRegularFile();
        assertThat(home.resolve("deploy/compose/docker-compose.yaml")).isRegularFile();
        assertThat(home.resolve("deploy/k8s/alerting.yaml")).isRegularFile();
        assertThat(home.resolve("deploy/elasticsearch/netrare-alerts.index-template.json")).isRegularFile();
        assertThat(home.resolve("deploy/prometheus/alerts.yml")).isRegularFile();
        assertThat(home.resolve("README.md")).isRegularFile();
        assertThat(home.resolve("docs/operations.md")).isRegularFile();
    }

    @Test
    void binNetrareRunsFromTheUnpackedTree() throws Exception {
        Result help = run(List.of(home.resolve("bin/netrare").toString(), "--help"));
        assertThat(help.exit()).as(help.output()).isZero();
        assertThat(help.output()).contains("Usage: netrare", "demo", "service");

        Result rules = run(List.of(home.resolve("bin/netrare").toString(), "rules", "check", home.resolve("rules").toString()));
        assertThat(rules.exit()).as(rules.output()).isZero();
        assertThat(rules.output()).contains("Unusual Linux Network Activity");
    }

    @Test
    void theDockerfileInstallsTheTarballAndUsesOnlyWhatItHolds() throws IOException {
        String dockerfile = Files.readString(Path.of("docker", "Dockerfile"));
        Matcher defaultVersion = Pattern.compile("(?m)^ARG NETRARE_VERSION=(\\S+)$").matcher(dockerfile);
        assertThat(defaultVersion.find()).as("ARG NETRARE_VERSION with a default").isTrue();
        assertThat(defaultVersion.group(1)).as("the Dockerfile's default version is the built one").isEqualTo(version);

        List<String> sources = new ArrayList<>();
        Matcher copy = Pattern.compile("(?m)^(?:COPY|ADD)\\s+(?:--\\S+\\s+)*(\\S+)\\s+\\S+\\s*$").matcher(dockerfile);
        while (copy.find()) {
            sources.add(copy.group(1));
        }
        assertThat(sources).as("files the Dockerfile takes from the build context")
                .containsExactly("deploy/target/netrare-${NETRARE_VERSION}.tar.gz");
        assertThat(Path.of("..").resolve(sources.get(0).replace("${NETRARE_VERSION}", version))).isRegularFile();

        Matcher used = Pattern.compile("/opt/netrare/([A-Za-z0-9_./${}-]+)").matcher(dockerfile);
        List<String> paths = new ArrayList<>();
        while (used.find()) {
            paths.add(used.group(1).replaceAll("[.,;]$", ""));
        }
        assertThat(paths).contains("bin/netrare", "config/${SERVICE}.yaml");
        for (String path : paths) {
            for (ServiceCatalog s : ServiceCatalog.values()) {
                assertThat(home.resolve(path.replace("${SERVICE}", s.serviceName())))
                        .as("%s (SERVICE=%s) is in the tarball", path, s.serviceName()).exists();
            }
        }
    }
}
