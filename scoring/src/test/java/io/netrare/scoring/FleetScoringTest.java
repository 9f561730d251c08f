package io.netrare.scoring;

import io.netrare.models.firstseen.FirstSeenModel;
import io.netrare.models.rare.RarityModel;
import io.netrare.runtime.job.JobSettings;
import io.netrare.schema.AnomalyRecord;
import io.netrare.schema.Json;
import io.netrare.schema.NetworkEvent;
import io.netrare.schema.spi.ModelProvider;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FleetScoringTest {

    /** Two days of history, then xmrig on web-07 for the first time. */
    private static List<NetworkEvent> fleet() {
        return new Fleet(1).normal(0, 200).add(195, "web-07", "xmrig", "nobody", "141.94.96.144").events();
    }

    private static OfflineScorer.Result score(JobSettings config) {
        ModelProvider provider = config.modelProvider();
        Clock clock = Clock.fixed(Fleet.START, ZoneOffset.UTC);
        return new OfflineScorer(config.toJobSpec(), provider, EngineConfig.defaults(), clock).score(fleet());
    }

    @Test
    void aProcessSeenForTheFirstTimeAfterTwoDaysScoresAtLeastFifty() {
        OfflineScorer.Result result = score(JobSettings.defaults());
        List<AnomalyRecord> finals = result.finalRecords();
        assertThat(finals).extracting(AnomalyRecord::byFieldValue).containsExactly("xmrig");
        AnomalyRecord xmrig = finals.get(0);
        assertThat(xmrig.recordScore()).isGreaterThanOrEqualTo(50);
        assertThat(xmrig.model()).isEqualTo(RarityModel.TYPE);
        assertThat(xmrig.function()).isEqualTo("rare");
        assertThat(xmrig.timestamp()).isEqualTo(Fleet.START.toEpochMilli() + 195 * Fleet.SPAN);
        assertThat(xmrig.influencerValues("host.name")).containsExactly("web-07");
        assertThat(xmrig.influencerValues("destination.ip")).containsExactly("141.94.96.144");
        assertThat(xmrig.explanation().firstOccurrence()).isTrue();
        assertThat(xmrig.explanation().bucketsInModel()).isEqualTo(196);
        assertThat(xmrig.explanation().exampleEvents()).hasSize(1);
        assertThat(result.lateEvents()).isZero();
        // the interim record came first, with the same id and a lower version
        assertThat(result.emitted()).filteredOn(AnomalyRecord::interim).singleElement()
                .satisfies(i -> {
                    assertThat(i.recordId()).isEqualTo(xmrig.recordId());
                    assertThat(i.version()).isLessThan(xmrig.version());
                });
        // the NDJSON the CLI prints carries Elastic's field names
        String json = Json.writeString(xmrig);
        assertThat(json).contains("\"record_score\"", "\"by_field_value\":\"xmrig\"", "\"result_type\":\"record\"");
    }

    @Test
    void swappingToFirstSeenChangesOnlyConfiguration() {
        JobSettings firstSeen = JobSettings.defaults().withModelType(FirstSeenModel.TYPE);
        OfflineScorer.Result result = score(firstSeen);
        assertThat(result.finalRecords()).extracting(AnomalyRecord::byFieldValue).containsExactly("xmrig");
        assertThat(result.finalRecords().get(0).model()).isEqualTo(FirstSeenModel.TYPE);
        assertThat(result.finalRecords().get(0).recordScore()).isGreaterThanOrEqualTo(50);
    }
}
