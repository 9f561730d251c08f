package io.netrare.models.peer;

import static java.util.Objects.requireNonNull;

import io.netrare.schema.spi.ModelSettingsReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Settings of the {@code peer_rare} model.
 *
 * @param decayPer15m          decay rate lambda per 15 minute bucket, as the rare model (0.00025)
 * @param unusualProbability   records are written only below this probability (0.035, as ml-cpp)
 * @param entityCap            most (host, process) pairs kept; the least seen are evicted beyond
 * @param softLimitFraction    share of the cap at which memory status turns soft_limit
 * @param regroupEveryBuckets  peer groups are recomputed from the model's state every this many buckets
 * @param similarityThreshold  cosine similarity (TF-IDF over each host's decayed process set) to join a group
 * @param minGroupSize         a host in a smaller group (a lone host) is judged against the whole fleet instead
 * @param peerSupportWeight    each peer of the group that already ran the process multiplies P by (1 + this)
 * @param peerMajority         when at least this share of the other hosts of the group (at least one) ran the process
 *                             before, it is common for the group: not rare among the host's peers
 * @param baseSystemSpread     a process seen in at least this share of the other groups is part of the base system:
 *                             each of those groups counts as peer support (package managers of one OS, say)
 * @param hostGroupPattern     optional regex over host.name whose group 1 names the peer group (a role tag in the
 *                             name); hosts it does not match are grouped by similarity. Null: similarity only
 * @param hostGroups           optional fixed host -> group map (e.g. from a CMDB role tag); wins over the rest
 * @param cadencePeriods       periods a recurring (host, process) may follow: hourly, 6-hourly, daily, weekly
 * @param cadenceTolerance     how far (in buckets) a run may drift from its due bucket
 * @param cadenceJitter        how far a run may drift from its due time as a share of the period, when that is more
 *                             than the tolerance (a daily timer with a randomized delay of up to an hour)
 * @param cadenceMinRuns       runs on the period, before the current one, needed to call a cadence established
 * @param cadenceMaxMissed     consecutive missed runs tolerated without breaking the cadence
 * @param maxRunBuckets        a run spanning more consecutive buckets than this starts a new run
 * @param pruneSilentAfter     a (host, process) pair not seen for this long leaves the model (checked at each
 *                             regrouping boundary), so a host silent that long leaves it altogether
 */
public record PeerRareConfig(double decayPer15m, double unusualProbability, int entityCap, double softLimitFraction,
                             int regroupEveryBuckets, double similarityThreshold, int minGroupSize, double peerSupportWeight,
                             double peerMajority, double baseSystemSpread,
                             String hostGroupPattern, Map<String, String> hostGroups, List<Duration> cadencePeriods,
                             int cadenceTolerance, double cadenceJitter, int cadenceMinRuns, int cadenceMaxMissed, int maxRunBuckets,
                             Duration pruneSilentAfter) {

    /** As long as the rare model keeps an idle entity first in line for eviction at its cap. */
    public static final Duration DEFAULT_PRUNE_SILENT_AFTER = Duration.ofDays(30);

    public static final List<Duration> DEFAULT_PERIODS = List.of(Duration.ofHours(1), Duration.ofHours(6),
            Duration.ofDays(1), Duration.ofDays(7));

    public PeerRareConfig {
        requireNonNull(cadencePeriods, "cadencePeriods is null");
        hostGroups = hostGroups == null ? Map.of() : Map.copyOf(hostGroups);
        cadencePeriods = cadencePeriods.stream().sorted().toList();
        if (!(decayPer15m >= 0 && decayPer15m < 1)) {
            throw new IllegalArgumentException("decay must be in [0, 1), was " + decayPer15m);
        }
        if (!(unusualProbability > 0 && unusualProbability <= 1)) {
            throw new IllegalArgumentException("unusual probability must be in (0, 1], was " + unusualProbability);
        }
        if (entityCap < 1 || !(softLimitFraction > 0 && softLimitFraction <= 1)) {
            throw new IllegalArgumentException("entity cap must be positive and soft limit fraction in (0, 1]");
        }
        if (regroupEveryBuckets < 1 || !(similarityThreshold > 0 && similarityThreshold <= 1) || minGroupSize < 1 || peerSupportWeight < 0) {
            throw new IllegalArgumentException("regroup every >= 1 bucket, similarity threshold in (0, 1], min group size >= 1");
        }
        if (!(peerMajority > 0 && peerMajority <= 1)) {
            throw new IllegalArgumentException("peer majority must be in (0, 1], was " + peerMajority);
        }
        if (!(cadenceJitter >= 0 && cadenceJitter < 0.5)) {
            throw new IllegalArgumentException("cadence jitter must be in [0, 0.5), was " + cadenceJitter);
        }
        if (cadenceTolerance < 0 || cadenceMinRuns < 2 || cadenceMaxMissed < 0 || maxRunBuckets < 1) {
            throw new IllegalArgumentException("invalid cadence settings");
        }
        if (pruneSilentAfter == null || pruneSilentAfter.isNegative() || pruneSilentAfter.isZero()) {
            throw new IllegalArgumentException("prune silent after must be a positive duration, was " + pruneSilentAfter);
        }
        if (hostGroupPattern != null) {
            Pattern p = Pattern.compile(hostGroupPattern);
            if (p.matcher("").groupCount() < 1) {
                throw new IllegalArgumentException("host group pattern needs a capturing group: " + hostGroupPattern);
            }
        }
    }

    /** Similarity groups recomputed every 6 hours; cadence after 3 runs, +-1 bucket, up to 2 missed runs. */
    public static PeerRareConfig defaults() {
        return new PeerRareConfig(0.00025, 0.035, 500_000, 0.9, 24, 0.5, 2, 10, 0.5, 0.5, null, Map.of(), DEFAULT_PERIODS,
                1, 0.05, 3, 2, 2, DEFAULT_PRUNE_SILENT_AFTER);
    }

    /** The config {@code job.model_settings} describe; every component is a setting, in snake_case. */
    public static PeerRareConfig read(Map<String, String> settings) {
        ModelSettingsReader r = new ModelSettingsReader(PeerRareModel.TYPE, settings);
        PeerRareConfig d = defaults();
        double decay = r.number("decay", d.decayPer15m());
        double unusual = r.number("unusual_probability", d.unusualProbability());
        int cap = r.integer("entity_cap", d.entityCap());
        double soft = r.number("soft_limit_fraction", d.softLimitFraction());
        int regroup = r.integer("regroup_every_buckets", d.regroupEveryBuckets());
        double similarity = r.number("similarity_threshold", d.similarityThreshold());
        int minGroup = r.integer("min_group_size", d.minGroupSize());
        double support = r.number("peer_support_weight", d.peerSupportWeight());
        double majority = r.number("peer_majority", d.peerMajority());
        double spread = r.number("base_system_spread", d.baseSystemSpread());
        String pattern = r.text("host_group_pattern", d.hostGroupPattern());
        Map<String, String> groups = r.pairs("host_groups", d.hostGroups());
        List<Duration> periods = r.durations("cadence_periods", d.cadencePeriods());
        int tolerance = r.integer("cadence_tolerance", d.cadenceTolerance());
        double jitter = r.number("cadence_jitter", d.cadenceJitter());
        int minRuns = r.integer("cadence_min_runs", d.cadenceMinRuns());
        int maxMissed = r.integer("cadence_max_missed", d.cadenceMaxMissed());
        int maxRun = r.integer("max_run_buckets", d.maxRunBuckets());
        Duration prune = r.duration("prune_silent_after", d.pruneSilentAfter());
        return r.build(() -> new PeerRareConfig(decay, unusual, cap, soft, regroup, similarity, minGroup, support, majority,
                spread, pattern, groups, periods, tolerance, jitter, minRuns, maxMissed, maxRun, prune));
    }

    /** This config as {@code job.model_settings}: {@code read(toSettings())} equals it. */
    public SortedMap<String, String> toSettings() {
        SortedMap<String, String> s = new TreeMap<>();
        s.put("decay", ModelSettingsReader.format(decayPer15m));
        s.put("unusual_probability", ModelSettingsReader.format(unusualProbability));
        s.put("entity_cap", Integer.toString(entityCap));
        s.put("soft_limit_fraction", ModelSettingsReader.format(softLimitFraction));
        s.put("regroup_every_buckets", Integer.toString(regroupEveryBuckets));
        s.put("similarity_threshold", ModelSettingsReader.format(similarityThreshold));
        s.put("min_group_size", Integer.toString(minGroupSize));
        s.put("peer_support_weight", ModelSettingsReader.format(peerSupportWeight));
        s.put("peer_majority", ModelSettingsReader.format(peerMajority));
        s.put("base_system_spread", ModelSettingsReader.format(baseSystemSpread));
        s.put("host_group_pattern", hostGroupPattern == null ? "" : hostGroupPattern);
        s.put("host_groups", new TreeMap<>(hostGroups).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
        s.put("cadence_periods", cadencePeriods.stream().map(ModelSettingsReader::format).collect(Collectors.joining(",")));
        s.put("cadence_tolerance", Integer.toString(cadenceTolerance));
        s.put("cadence_jitter", ModelSettingsReader.format(cadenceJitter));
        s.put("cadence_min_runs", Integer.toString(cadenceMinRuns));
        s.put("cadence_max_missed", Integer.toString(cadenceMaxMissed));
        s.put("max_run_buckets", Integer.toString(maxRunBuckets));
        s.put("prune_silent_after", ModelSettingsReader.format(pruneSilentAfter));
        return s;
    }

    public PeerRareConfig withEntityCap(int cap) {
        return new PeerRareConfig(decayPer15m, unusualProbability, cap, softLimitFraction, regroupEveryBuckets,
                similarityThreshold, minGroupSize, peerSupportWeight, peerMajority, baseSystemSpread, hostGroupPattern, hostGroups,
                cadencePeriods, cadenceTolerance, cadenceJitter, cadenceMinRuns, cadenceMaxMissed, maxRunBuckets,
                pruneSilentAfter);
    }

    public PeerRareConfig withHostGroupPattern(String pattern) {
        return new PeerRareConfig(decayPer15m, unusualProbability, entityCap, softLimitFraction, regroupEveryBuckets,
                similarityThreshold, minGroupSize, peerSupportWeight, peerMajority, baseSystemSpread, pattern, hostGroups,
                cadencePeriods, cadenceTolerance, cadenceJitter, cadenceMinRuns, cadenceMaxMissed, maxRunBuckets,
                pruneSilentAfter);
    }

    /** Lambda for one bucket of the given span (a rate per unit of time, as the rare model scales it). */
    public double lambdaPerBucket(Duration bucketSpan) {
        return decayPer15m * bucketSpan.toMillis() / Duration.ofMinutes(15).toMillis();
    }
}
