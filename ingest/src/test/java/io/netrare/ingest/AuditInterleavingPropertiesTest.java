package io.netrare.ingest;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kernel connect events, user-space messages alone, and user-space messages followed by the records of their
 * carrying syscall, interleaved as several CPUs log them (each event's records in order, EOE last): no record
 * is dead-lettered and every connect comes out exactly once.
 */
class AuditInterleavingPropertiesTest {

    @Property(tries = 300)
    void interleavedEventsOfBothKindsNeverDeadLetter(@ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 2) Integer> kinds,
                                                     @ForAll long seed) {
        List<List<String>> events = new ArrayList<>();
        List<Long> connects = new ArrayList<>();
        long serial = 4294967290L; // across the 32-bit wrap
        for (int kind : kinds) {
            long s = serial++ & 0xffffffffL;
            String head = "msg=audit(1764558000.100:" + s + "):";
            List<String> records = new ArrayList<>();
            switch (kind) {
                case 0 -> {
                    long pid = 1000 + events.size();
                    connects.add(pid);
                    records.add("type=SYSCALL " + head + " arch=c00000b7 syscall=203 success=yes exit=0 a0=3 pid=" + pid
                            + " uid=1000 comm=\"curl\" exe=\"/usr/bin/curl\"");
                    records.add("type=SOCKADDR " + head + " saddr=020001BB5DB8D8220000000000000000");
                    records.add("type=PROCTITLE " + head + " proctitle=6375726C");
                    records.add("type=EOE " + head);
                }
                case 1 -> records.add("type=USER_ACCT " + head + " pid=7 uid=0 msg='op=PAM:accounting acct=\"alice\" res=success'");
                default -> {
                    records.add("type=SERVICE_START " + head + " pid=1 uid=0 msg='unit=cron res=success'");
                    records.add("type=SYSCALL " + head + " arch=c000003e syscall=44 success=yes exit=160 a0=3 pid=1 uid=0 comm=\"systemd\" exe=\"/usr/lib/systemd/systemd\"");
                    records.add("type=SOCKADDR " + head + " saddr=100000000000000000000000");
                    records.add("type=UNKNOWN[1420] " + head + " subj_apparmor=unconfined");
                    records.add("type=EOE " + head);
                }
            }
            events.add(records);
        }
        String input = interleave(events, new Random(seed), 3);

        Harness.Result r = Harness.run(Harness.replayConfig(), input);

        assertThat(r.counts().rejected()).as(input).isZero();
        assertThat(r.events()).extracting(e -> e.process().pid()).containsExactlyInAnyOrderElementsOf(connects);
        assertThat(r.events()).allSatisfy(e -> assertThat(e.destination().ip()).isEqualTo("93.184.216.34"));
    }

    /** Merges the events' record lists, at most {@code cpus} events in progress at once, each list kept in order. */
    static String interleave(List<List<String>> events, Random random, int cpus) {
        List<List<String>> running = new ArrayList<>();
        int nextEvent = 0;
        StringBuilder out = new StringBuilder();
        while (nextEvent < events.size() || !running.isEmpty()) {
            while (running.size() < cpus && nextEvent < events.size()) {
                running.add(new ArrayList<>(events.get(nextEvent++)));
            }
            List<String> pick = running.get(random.nextInt(running.size()));
            out.append(pick.remove(0)).append('\n');
            if (pick.isEmpty()) {
                running.remove(pick);
            }
        }
        return out.toString();
    }
}
