package io.netrare.deploy.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root {@code ./netrare} script in a copy of the repository layout, with {@code mvn} and {@code java}
 * stand-ins on the PATH that record their calls: it builds when the jar is missing or older than a source
 * or a pom, says why, and otherwise runs the jar without building.
 */
class NetrareScriptTest {

    @TempDir
    Path repo;

    private record Run(int exit, String stderr, boolean built) {
    }

    private Run run() throws Exception {
        Path bin = Files.createDirectories(repo.resolve("fake-bin"));
        Path builds = repo.resolve("builds.log");
        Files.deleteIfExists(builds);
        executable(bin.resolve("mvn"), "#!/bin/sh\necho built >> '" + builds + "'\n");
        executable(bin.resolve("java"), "#!/bin/sh\nexit 0\n");
        Path err = repo.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("netrare").toString(), "--help")
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(err), Files.exists(builds));
    }

    private static void executable(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void age(Path file, Instant when) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(when));
    }

    @Test
    void buildsWhenTheJarIsMissingOrOlderThanASourceAndSaysSo() throws Exception {
        Files.copy(Path.of("..", "netrare"), repo.resolve("netrare"));
        Path pom = Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Path source = Files.createDirectories(repo.resolve("alerting/src/main/java/x")).resolve("A.java");
        Files.writeString(source, "class A {}");
        Path jar = repo.resolve("deploy/target/netrare.jar");
        Instant old = Instant.parse("2026-01-01T00:00:00Z");
        age(pom, old);
        age(source, old);

        Run missing = run();
        assertThat(missing.built()).isTrue();
        assertThat(missing.stderr()).contains("first run");

        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        age(jar, old.plusSeconds(60));
        Files.writeString(repo.resolve("deploy/target/Stale.java"), "built output is not a source");
        Run upToDate = run();
        assertThat(upToDate.built()).isFalse();
        assertThat(upToDate.stderr()).doesNotContain("building");
        assertThat(upToDate.exit()).isZero();

        age(source, old.plusSeconds(120));
        Run newerSource = run();
        assertThat(newerSource.built()).isTrue();
        assertThat(newerSource.stderr()).contains("alerting/src/main/java/x/A.java is newer than the jar", "building");

        age(source, old);
        age(pom, old.plusSeconds(120));
        Run newerPom = run();
        assertThat(newerPom.built()).isTrue();
        assertThat(newerPom.stderr()).contains("pom.xml is newer than the jar");
    }
}
