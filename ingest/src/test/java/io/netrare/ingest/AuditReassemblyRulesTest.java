package io.netrare.ingest;

import io.netrare.runtime.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * go-libaudit's split between user-space messages (events of their own) and kernel records that wait for
 * their EOE, on record sequences written for these tests in the shapes auditd logs them.
 */
class AuditReassemblyRulesTest {

    /** systemd reports a unit start; its sendto on the audit netlink socket is audited with the same serial. */
    static final String SERVICE_START = """
            type=SERVICE_START msg=audit(1733040000.120:812): pid=1 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg='unit=cron comm="systemd" exe="/usr/lib/systemd/systemd" hostname=? addr=? terminal=? res=success'
            type=SYSCALL msg=audit(1733040000.120:812): arch=c000003e syscall=44 success=yes exit=160 a0=3 a1=7ffd2c1b4c70 a2=a0 a3=0 items=0 ppid=0 pid=1 auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=4294967295 comm="systemd" exe="/usr/lib/systemd/systemd" subj=unconfined key=(null)
            type=SOCKADDR msg=audit(1733040000.120:812): saddr=100000000000000000000000
            type=UNKNOWN[1420] msg=audit(1733040000.120:812): subj_apparmor=unconfined
            type=EOE msg=audit(1733040000.120:812):
            """;

    static String connect(long serial, String ip4hex, String comm) {
        return "type=SYSCALL msg=audit(1733040001.000:" + serial + "): arch=c000003e syscall=42 success=yes exit=0 a0=3 "
                + "a1=7ffc a2=10 a3=0 items=0 ppid=1 pid=" + (4000 + serial) + " auid=1000 uid=1000 gid=1000 euid=1000 "
                + "comm=\"" + comm + "\" exe=\"/usr/bin/" + comm + "\" key=(null)\n"
                + "type=SOCKADDR msg=audit(1733040001.000:" + serial + "): saddr=020001BB" + ip4hex + "0000000000000000\n"
                + "type=EOE msg=audit(1733040001.000:" + serial + "):\n";
    }

    @Test
    void aUserSpaceMessageAndTheSyscallThatCarriedItAreOneEventWithoutDeadLetters() {
        Harness.Result r = Harness.run(Harness.replayConfig(), SERVICE_START);

        assertThat(r.counts().rejected()).isZero();
        assertThat(r.counts().read()).isEqualTo(1);
        assertThat(r.filtered()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(FilterReason.NOT_NETWORK_START);
            assertThat(f.detail()).contains("sendto");
        });
    }

    @Test
    void pamLoginMessagesWithoutSyscallRecordsAreEventsOfTheirOwnAndDoNotHoldBackTheNextConnect() {
        String pam = """
                type=USER_AUTH msg=audit(1733040000.500:900): pid=7001 uid=0 auid=4294967295 ses=4294967295 msg='op=PAM:authentication grantors=pam_unix acct="alice" exe="/usr/sbin/sshd" hostname=10.0.0.9 addr=10.0.0.9 terminal=ssh res=success'
                type=USER_ACCT msg=audit(1733040000.501:901): pid=7001 uid=0 auid=4294967295 ses=4294967295 msg='op=PAM:accounting grantors=pam_unix acct="alice" exe="/usr/sbin/sshd" hostname=10.0.0.9 addr=10.0.0.9 terminal=ssh res=success'
                type=CRED_ACQ msg=audit(1733040000.502:902): pid=7001 uid=0 auid=4294967295 ses=4294967295 msg='op=PAM:setcred grantors=pam_unix acct="alice" exe="/usr/sbin/sshd" hostname=10.0.0.9 addr=10.0.0.9 terminal=ssh res=success'
                type=LOGIN msg=audit(1733040000.503:903): pid=7001 uid=0 subj=unconfined old-auid=4294967295 auid=1000 tty=(none) old-ses=4294967295 ses=7 res=1
                type=USER_START msg=audit(1733040000.504:904): pid=7001 uid=0 auid=1000 ses=7 msg='op=PAM:session_open grantors=pam_unix acct="alice" exe="/usr/sbin/sshd" hostname=10.0.0.9 addr=10.0.0.9 terminal=ssh res=success'
                """ + connect(905, "5DB8D822", "curl");
        List<Outcome> seen = new ArrayList<>();
        IngestPipeline p = new IngestPipeline(Harness.replayConfig(), Harness.CLOCK, "t", seen::add);
        p.resumeAfterAuditSequence(899); // a stream under way (its first event waits for lower serials)
        feed(p, pam);

        // before end of input: every PAM message and the connect are out (nothing waits for an EOE that never comes)
        assertThat(seen).hasSize(6);
        assertThat(seen.get(5)).isInstanceOf(Outcome.Emitted.class);
        assertThat(seen.subList(0, 5)).allSatisfy(o -> assertThat(o).isInstanceOf(Outcome.Filtered.class));
    }

    @Test
    void aSyscallTailInterleavedAfterItsUserSpaceMessageWasEmittedIsFilteredNotDeadLettered() {
        String[] s = SERVICE_START.split("\n");
        // the message, then another process's connect, then the carrying syscall's records
        String input = s[0] + "\n" + connect(813, "5DB8D822", "curl") + s[1] + "\n" + s[2] + "\n" + s[3] + "\n" + s[4] + "\n";
        Harness.Result r = Harness.runAfter(Harness.replayConfig(), input, 811);

        assertThat(r.counts().rejected()).isZero();
        assertThat(r.counts().emitted()).isEqualTo(1);
        assertThat(r.counts().filtered(FilterReason.NOT_NETWORK_START)).isEqualTo(1); // SERVICE_START
        assertThat(r.counts().filtered(FilterReason.AUDIT_NETLINK_SEND)).isEqualTo(4); // SYSCALL, SOCKADDR, UNKNOWN, EOE
    }

    @Test
    void aKernelRecordForAnEmittedKernelEventIsStillLate() {
        String input = connect(70, "5DB8D822", "curl")
                + "type=PATH msg=audit(1733040001.000:70): item=0 name=\"/x\"\n";
        Harness.Result r = Harness.runAfter(Harness.replayConfig(), input, 69);
        assertThat(r.counts().rejected(RejectReason.LATE_AUDIT_RECORD)).isEqualTo(1);
    }

    @Test
    void anUnknownNumberedTypeIsClassifiedByItsRange() {
        // 1420 is a kernel record: it waits for the EOE, so the SYSCALL that follows joins it
        String input = """
                type=UNKNOWN[1420] msg=audit(1733040000.000:5): subj_apparmor=unconfined
                type=SYSCALL msg=audit(1733040000.000:5): arch=c000003e syscall=42 success=yes exit=0 pid=9 uid=0 comm="nc" exe="/usr/bin/nc"
                type=SOCKADDR msg=audit(1733040000.000:5): saddr=020001BB5DB8D8220000000000000000
                type=EOE msg=audit(1733040000.000:5):
                type=UNKNOWN[1130] msg=audit(1733040000.100:6): pid=1 uid=0 msg='unit=x res=success'
                """;
        Harness.Result r = Harness.run(Harness.replayConfig(), input);
        assertThat(r.counts().read()).isEqualTo(2);
        assertThat(r.counts().emitted()).isEqualTo(1);
        assertThat(r.counts().rejected()).isZero();
    }

    @Test
    void aStreamsFirstEventWaitsForALowerSerialLoggedAfterIt() {
        // serial 21 started first on one CPU, 22 on another finished and was queued first
        String input = connect(22, "5DB8D822", "curl") + connect(21, "0A000005", "psql");
        Harness.Result r = Harness.run(Harness.replayConfig(), input);
        assertThat(r.counts().rejected()).isZero();
        assertThat(r.events()).extracting(e -> e.process().pid()).containsExactly(4021L, 4022L);
    }

    @Test
    void aCompleteEventWaitsForTheSerialMissingBeforeItUpToTheBounds() {
        List<Outcome> seen = new ArrayList<>();
        IngestPipeline p = new IngestPipeline(Harness.replayConfig(), Harness.CLOCK, "t", seen::add);
        p.resumeAfterAuditSequence(30);
        feed(p, connect(32, "5DB8D822", "curl"));
        assertThat(seen).isEmpty(); // 31 may be on its way
        feed(p, connect(31, "0A000005", "psql"));
        assertThat(seen).hasSize(2);
        feed(p, connect(34, "5DB8D822", "wget"));
        assertThat(seen).hasSize(2);
        p.finish(); // 33 never came: a gap
        assertThat(seen).hasSize(3);
        assertThat(p.auditSequenceGaps()).isEqualTo(1);
    }

    @Test
    void aQuietLogsLastEventCompletesAfterTheTimeoutByTheClock() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T04:00:00Z"));
        List<Outcome> seen = new ArrayList<>();
        IngestPipeline p = new IngestPipeline(Harness.replayConfig(), clock, "t", seen::add);
        String noEoe = connect(42, "5DB8D822", "curl").replace("type=EOE msg=audit(1733040001.000:42):\n", "");
        feed(p, noEoe);
        assertThat(seen).isEmpty();
        assertThat(p.openAuditEvents()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        p.tick();
        assertThat(seen).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        p.tick();
        assertThat(seen).singleElement().isInstanceOf(Outcome.Emitted.class);
        assertThat(p.expiredAuditEvents()).isEqualTo(1);
        assertThat(p.openAuditEvents()).isZero();
    }

    @Test
    void recordsReadBeforeARestartAreSkippedAndLaterOnesForEmittedSerialsAreLate() {
        // serial 11 opens, then serial 10 completes and is emitted: a checkpoint then resumes at 11's first line
        // with serial 10 emitted. Replaying 10's lines must neither emit nor dead-letter them again.
        String input = "type=SYSCALL msg=audit(1733040001.000:11): arch=c000003e syscall=42 success=yes exit=0 pid=5 uid=0 comm=\"a\" exe=\"/a\"\n"
                + connect(10, "5DB8D822", "curl")
                + "type=EOE msg=audit(1733040001.000:11):\n"
                + "type=PATH msg=audit(1733040001.000:10): item=0 name=\"/x\"\n";
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        int readThrough = input.indexOf("type=PATH");
        List<Outcome> seen = new ArrayList<>();
        IngestPipeline p = new IngestPipeline(Harness.replayConfig(), Harness.CLOCK, "t", seen::add);
        p.resumeAfterAuditSequence(10, readThrough);
        feedBytes(p, bytes);
        p.finish();
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isInstanceOf(Outcome.Emitted.class); // serial 11, rebuilt
        assertThat(seen.get(1)).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.LATE_AUDIT_RECORD)); // new input, really late
    }

    static void feed(IngestPipeline p, String text) {
        feedBytes(p, text.getBytes(StandardCharsets.UTF_8));
    }

    static void feedBytes(IngestPipeline p, byte[] bytes) {
        try {
            new LineReader(new java.io.ByteArrayInputStream(bytes), 1 << 20, 0).readAll(p::line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
