package io.netrare.ingest;

import io.netrare.ingest.parse.Fields;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldsTest {

    @Test
    void timestampsInEveryAcceptedShapeAgreeWithTheJdk() {
        for (String s : new String[] {"2026-11-20T10:15:00Z", "2026-11-20T10:15:00.1Z", "2026-11-20T10:15:00.123Z",
                "2026-11-20T10:15:00.123456789Z", "2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z"}) {
            assertThat(Fields.instant(s)).as(s).isEqualTo(Instant.parse(s));
        }
        assertThat(Fields.instant("2026-11-20T10:15:00+02:00")).isEqualTo(Instant.parse("2026-11-20T08:15:00Z"));
        assertThat(Fields.instant("1732752000000")).isEqualTo(Instant.ofEpochMilli(1732752000000L));
    }

    @Test
    void invalidDatesAreRefused() {
        for (String s : new String[] {"2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z",
                "2026-11-20 10:15:00Z", "abc"}) {
            assertThatThrownBy(() -> Fields.instant(s)).as(s).isInstanceOf(RuntimeException.class);
        }
    }
}
