package io.netrare.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sensor's log as syslog writes it: the sensor's own status lines and other programs' lines are filtered
 * with a reason; only a broken event is dead-lettered.
 */
class SensorLogLinesTest {

    static final String EVENT = new String(Harness.fixture("fixtures/sigma/regression_data/rules/linux/network_connection/"
            + "net_connection_lnx_script_interpretors_cloud_metadata_access/6c1f4d8a-2e5b-4c9f-a7d3-0b5e8f1c4a6d.xml"),
            StandardCharsets.UTF_8).strip();

    @Test
    void sysmonStatusLinesAndOtherProgramsAreFilteredAndOnlyABrokenEventIsRejected() {
        String log = String.join("\n",
                "Dec  1 03:10:01 web-07 sysmon[3099]: Using EBPF object: /opt/sysmon/sysmonEBPFkern6.2.o",
                "Dec  1 03:10:01 web-07 sysmon[3099]: Running...",
                "2026-06-08T05:28:18.000001+00:00 web-07 sysmon[3099]: Sysmon v1.3.3 - Monitors system events",
                "Dec  1 03:10:02 web-07 CRON[4410]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)",
                "<30>Dec  1 03:10:03 web-07 systemd[1]: Started Session 7 of User alice.",
                EVENT,
                "Dec  1 03:10:04 web-07 sysmon[3099]: <Event><System><EventID>3</EventID>",
                "this is not a log line at all");
        Harness.Result r = Harness.run(Harness.replayConfig(), log + "\n");

        assertThat(r.counts().read()).isEqualTo(8);
        assertThat(r.counts().emitted()).isEqualTo(1);
        assertThat(r.counts().filtered(FilterReason.SENSOR_STATUS)).isEqualTo(3);
        assertThat(r.counts().filtered(FilterReason.OTHER_PROGRAM)).isEqualTo(2);
        assertThat(r.counts().rejected(RejectReason.MALFORMED_XML)).isEqualTo(1);
        assertThat(r.counts().rejected(RejectReason.UNKNOWN_FORMAT)).isEqualTo(1);
        assertThat(r.filtered()).filteredOn(f -> f.reason() == FilterReason.SENSOR_STATUS)
                .extracting(Outcome.Filtered::detail).first().asString().startsWith("sysmon: Using EBPF object");
    }

    @Test
    void aForcedFormatStillFiltersSyslogLinesWithoutItsMark() {
        Harness.Result r = Harness.run(Harness.replayConfig().withFormat(InputFormat.AUDITD),
                "Dec  1 03:10:02 web-07 sshd[4410]: Accepted publickey for alice from 10.0.0.9 port 51022 ssh2\n");
        assertThat(r.counts().filtered(FilterReason.OTHER_PROGRAM)).isEqualTo(1);
        assertThat(r.counts().rejected()).isZero();
    }
}
