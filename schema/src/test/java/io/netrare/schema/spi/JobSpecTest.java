package io.netrare.schema.spi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fields a job's buckets count: what the events topic's readers in training and scoring build. */
class JobSpecTest {

    @Test
    void countedFieldsAreTheHostTheEntityAndTheInfluencersAnEventCarries() {
        JobSpec anchor = JobSpec.anchorDefault();
        assertThat(anchor.countedFields(false)).containsExactly("host.name", "process.name");
        assertThat(anchor.countedFields(true))
                .containsExactly("host.name", "process.name", "user.name", "destination.ip");

        JobSpec perHost = new JobSpec("j", Duration.ofMinutes(15), "rare", "process.name", "host.name",
                List.of("process.executable", "no.such.field", "user.name"));
        assertThat(perHost.countedFields(false)).containsExactly("host.name", "process.name");
        assertThat(perHost.countedFields(true))
                .containsExactly("host.name", "process.name", "process.executable", "user.name");
    }
}
