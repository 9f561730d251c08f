package io.netrare.models.example;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped service jars carry the models and load them at run time; the scoring jar carries no training.
 * A third party's model jar beside a service jar is selected and validated by config like a shipped model.
 */
class ServiceJarsIT {

    private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();

    private static Path serviceJar(String module) {
        Path jar = ROOT.resolve(module).resolve("target").resolve("netrare-" + module + ".jar");
        assertThat(jar).as("the service jar (built by mvn package)").exists();
        return jar;
    }

    private static Path exampleJar() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            return s.filter(p -> p.getFileName().toString().matches("models-example-.*\\.jar")
                    && !p.getFileName().toString().contains("tests")).findFirst().orElseThrow().toAbsolutePath();
        }
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.stream().map(e -> e.getName()).toList();
        }
    }

    private static String plugins(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            return new String(f.getInputStream(f.getEntry("META-INF/services/io.netrare.schema.spi.ModelPlugin"))
                    .readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theScoringJarShipsTheModelsNotTraining() throws IOException {
        Path scoring = serviceJar("scoring");
        assertThat(entries(scoring)).noneMatch(e -> e.startsWith("io/netrare/model/training/"))
                .noneMatch(e -> e.startsWith("io/netrare/models/example/"))
                .contains("io/netrare/models/rare/RarityModel.class", "io/netrare/models/peer/PeerRareModel.class",
                        "io/netrare/models/firstseen/FirstSeenModel.class");
        assertThat(plugins(scoring)).contains("io.netrare.models.rare.RarePlugin", "io.netrare.models.firstseen.FirstSeenPlugin",
                "io.netrare.models.peer.PeerRarePlugin");
    }

    @Test
    void theTrainingJarLoadsTheSameModels() throws IOException {
        Path model = serviceJar("model");
        assertThat(entries(model)).contains("io/netrare/model/service/TrainingMain.class");
        assertThat(plugins(model)).contains("io.netrare.models.rare.RarePlugin", "io.netrare.models.peer.PeerRarePlugin");
    }

    private record Run(int code, String out) {
    }

    private static Run printConfig(Path dir, String classpath, String job) throws Exception {
        Path config = dir.resolve("scoring.yaml");
        Files.writeString(config, "job:\n" + job);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx128m", "-cp", classpath,
                "io.netrare.scoring.service.ScoringMain", "--config", config.toString(), "--print-config"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void aThirdPartyModelJarBesideTheScoringJarIsSelectedByConfig(@TempDir Path dir) throws Exception {
        String withExample = serviceJar("scoring") + java.io.File.pathSeparator + exampleJar();
        Run ok = printConfig(dir, withExample, "  model_type: first_ever\n  model_settings:\n    warmup_buckets: 8\n");
        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("model_type: first_ever").contains("warmup_buckets");

        Run unused = printConfig(dir, withExample, "  model_type: first_ever\n  model_settings:\n    decay: 0.001\n");
        assertThat(unused.code()).as(unused.out()).isEqualTo(1);
        assertThat(unused.out()).contains("'decay' is not a setting of model first_ever");

        Run missing = printConfig(dir, serviceJar("scoring").toString(), "  model_type: first_ever\n");
        assertThat(missing.code()).as(missing.out()).isEqualTo(1);
        assertThat(missing.out()).contains("no model implementation of type 'first_ever' on the classpath")
                .contains("found: first_seen, peer_rare, rare");
    }
}
