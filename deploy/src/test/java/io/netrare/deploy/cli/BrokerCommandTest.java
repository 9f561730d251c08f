package io.netrare.deploy.cli;

import io.netrare.runtime.broker.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code netrare broker}'s security options (the listeners themselves: SecureBrokerIT in runtime). */
class BrokerCommandTest {

    @TempDir
    Path dir;

    private BrokerCommand parse(String... args) {
        BrokerCommand command = new BrokerCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void plaintextByDefault() {
        assertThat(parse().security(Map.of())).isEqualTo(EmbeddedKafkaBroker.Security.plaintext());
    }

    @Test
    void saslSslWithUsersFromAFileAndThePasswordFromTheEnvironment() throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "# users\nadmin=admin-secret\nscoring = s3cret\n");
        Path keystore = Files.writeString(dir.resolve("broker.p12"), "");
        EmbeddedKafkaBroker.Security s = parse("--listener", "sasl_ssl", "--keystore", keystore.toString(),
                "--scram-users", users.toString(), "--authorizer").security(Map.of("NETRARE_BROKER_STORE_PASSWORD", "pw"));
        assertThat(s.protocol()).isEqualTo("SASL_SSL");
        assertThat(s.storePassword()).isEqualTo("pw");
        assertThat(s.scramUsers()).containsExactlyInAnyOrderEntriesOf(Map.of("admin", "admin-secret", "scoring", "s3cret"));
        assertThat(s.superUser()).isEqualTo("admin");
        assertThat(s.authorizer()).isTrue();
    }

    @Test
    void refusesAnIncompleteSetup() {
        BrokerCommand noKeystore = parse("--listener", "SSL");
        assertThatThrownBy(() -> noKeystore.security(Map.of())).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("SSL needs a key store");
        assertThat(new CommandLine(new BrokerCommand()).execute("--listener", "SASL_SSL")).isNotZero();
    }
}
