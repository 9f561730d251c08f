package io.netrare.alerting;

import io.netrare.alerting.rules.RuleLoader;
import io.netrare.schema.Alert;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.netrare.alerting.Records.BUCKET;
import static io.netrare.alerting.Records.record;
import static org.assertj.core.api.Assertions.assertThat;

/** Telemetry that attacks the reader: the reason line shows it escaped, the stored ECS fields keep it exact. */
class AlertTextSafetyTest {

    private static final String CLEAR_AND_RETITLE = "\u001b[2J\u001b]0;pwned\u0007";

    @Test
    void everyFieldInTheReasonLineIsEscapedAndTheStoredFieldsStayExact() {
        String process = CLEAR_AND_RETITLE + "kworker\nALERT forged: all clear";
        String host = "web-07`\u202e";
        String user = "root\r\u200b";
        String destination = "evil`](http://x)";
        Alert alert = AlertFactory.create(new RuleLoader().loadDefault(), record().process(process).host(host)
                .user(user).destination(destination).build(), BUCKET.plus(Duration.ofMinutes(16)));

        assertThat(alert.reason())
                .startsWith("process `\\x1b[2J\\x1b]0;pwned\\x07kworker\\nALERT forged: all clear` on host "
                        + "`web-07\\x60\\u202e` (user `root\\r\\u200b`) connected to `evil\\x60](http://x)`;")
                .doesNotContain("\n", "\r", "\u001b", "\u0007", "\u202e", "\u200b");
        assertThat(alert.reason().chars().filter(c -> c == '`').count()).isEqualTo(8);
        assertThat(alert.process().name()).containsExactly(process);
        assertThat(alert.host().name()).containsExactly(host);
        assertThat(alert.user().name()).containsExactly(user);
        assertThat(alert.destination().ip()).containsExactly(destination);
    }

    @Test
    void addressesStayBare() {
        Alert alert = AlertFactory.create(new RuleLoader().loadDefault(), record().destination("2001:db8::1").build(),
                BUCKET.plus(Duration.ofMinutes(16)));
        assertThat(alert.reason()).contains(" connected to 2001:db8::1;");
    }
}
