package io.netrare.simulator;

import java.time.Duration;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * Everything that decides a simulated fleet. Two simulators built from equal specs write byte-identical output.
 *
 * @param hosts                  number of hosts (at least 1; 6 or more gives every role at least one host)
 * @param days                   length of the simulation in days
 * @param seed                   seed of every random choice
 * @param start                  first instant; aligned down to the 15-minute bucket
 * @param eventsPerBucketScale   multiplies the background event rates (1.0 = defaults)
 * @param attacks                whether attacks are injected
 * @param historyDays            attacks start no earlier than this many days after {@code start}
 * @param shape                  ECS shape of the output
 * @param scenario               harder cases on top ({@link Scenario#NONE}: none)
 */
public record FleetSpec(int hosts, int days, long seed, Instant start, double eventsPerBucketScale,
                        boolean attacks, int historyDays, Shape shape, Scenario scenario) {

    /** The bucket span of the anchor job; background rates are defined per bucket. */
    public static final Duration BUCKET = Duration.ofMinutes(15);

    public FleetSpec {
        requireNonNull(start, "start is null");
        requireNonNull(shape, "shape is null");
        requireNonNull(scenario, "scenario is null");
        if (scenario.leavingHosts() > 0 && scenario.leavingHosts() >= hosts) {
            throw new IllegalArgumentException("leavingHosts must be fewer than the hosts, got " + scenario.leavingHosts());
        }
        if (hosts < 1 || hosts > 10_000) {
            throw new IllegalArgumentException("hosts must be in [1, 10000], got " + hosts);
        }
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("days must be in [1, 366], got " + days);
        }
        if (!(eventsPerBucketScale > 0 && eventsPerBucketScale <= 100)) {
            throw new IllegalArgumentException("eventsPerBucketScale must be in (0, 100], got " + eventsPerBucketScale);
        }
        if (historyDays < 0 || historyDays >= days) {
            throw new IllegalArgumentException("historyDays must be in [0, days), got " + historyDays + " for " + days + " days");
        }
        long span = BUCKET.toMillis();
        start = Instant.ofEpochMilli(Math.floorDiv(start.toEpochMilli(), span) * span);
    }

    /** A fleet without scenarios. */
    public FleetSpec(int hosts, int days, long seed, Instant start, double eventsPerBucketScale, boolean attacks,
                     int historyDays, Shape shape) {
        this(hosts, days, seed, start, eventsPerBucketScale, attacks, historyDays, shape, Scenario.NONE);
    }

    /** 30 hosts, 6 days from 2026-11-01T00:00:00Z, seed 42, attacks after 2 days of history, mixed shapes. */
    public static FleetSpec defaults() {
        return new FleetSpec(30, 6, 42L, Instant.parse("2026-11-01T00:00:00Z"), 1.0, true, 2, Shape.MIXED, Scenario.NONE);
    }

    /** The demo's small fleet: 12 hosts over 3 days, attacks on the third day. */
    public static FleetSpec demo() {
        return defaults().withHosts(12).withDays(3).withHistoryDays(2).withEventsPerBucketScale(1.5);
    }

    public FleetSpec withHosts(int value) {
        return new FleetSpec(value, days, seed, start, eventsPerBucketScale, attacks, historyDays, shape, scenario);
    }

    /** Also lowers {@code historyDays} when it would no longer fit. */
    public FleetSpec withDays(int value) {
        return new FleetSpec(hosts, value, seed, start, eventsPerBucketScale, attacks,
                Math.min(historyDays, Math.max(0, value - 1)), shape, scenario);
    }

    public FleetSpec withSeed(long value) {
        return new FleetSpec(hosts, days, value, start, eventsPerBucketScale, attacks, historyDays, shape, scenario);
    }

    public FleetSpec withStart(Instant value) {
        return new FleetSpec(hosts, days, seed, value, eventsPerBucketScale, attacks, historyDays, shape, scenario);
    }

    public FleetSpec withEventsPerBucketScale(double value) {
        return new FleetSpec(hosts, days, seed, start, value, attacks, historyDays, shape, scenario);
    }

    public FleetSpec withAttacks(boolean value) {
        return new FleetSpec(hosts, days, seed, start, eventsPerBucketScale, value, historyDays, shape, scenario);
    }

    public FleetSpec withHistoryDays(int value) {
        return new FleetSpec(hosts, days, seed, start, eventsPerBucketScale, attacks, value, shape, scenario);
    }

    public FleetSpec withShape(Shape value) {
        return new FleetSpec(hosts, days, seed, start, eventsPerBucketScale, attacks, historyDays, value, scenario);
    }

    public FleetSpec withScenario(Scenario value) {
        return new FleetSpec(hosts, days, seed, start, eventsPerBucketScale, attacks, historyDays, shape, value);
    }

    /** Instant just after the last simulated event. */
    public Instant end() {
        return start.plus(Duration.ofDays(days));
    }

    /** Number of 15-minute buckets simulated. */
    public int buckets() {
        return (int) (Duration.ofDays(days).toMillis() / BUCKET.toMillis());
    }
}
