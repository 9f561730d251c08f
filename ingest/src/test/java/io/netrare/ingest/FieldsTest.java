package io.netrare.ingest;

import io.netrare.ingest.parse.Fields;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

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

    /** Every date of the years 0000-9999 the fast path reads as the JDK reads it, and refuses what the JDK refuses. */
    @Property(tries = 5000)
    void theFastPathAgreesWithTheJdk(@ForAll("isoLike") String s) {
        Instant jdk;
        try {
            jdk = Instant.parse(s);
        } catch (DateTimeParseException e) {
            jdk = null;
        }
        if (jdk == null) {
            try {
                Fields.instant(s);
            } catch (IllegalArgumentException | DateTimeException e) {
                return; // refused by both
            }
            // accepted by a fallback the JDK's Instant.parse does not have (an offset)
            assertThat(s).doesNotEndWith("Z");
        } else {
            assertThat(Fields.instant(s)).as(s).isEqualTo(jdk);
        }
    }

    @Provide
    Arbitrary<String> isoLike() {
        Arbitrary<String> year = Arbitraries.integers().between(0, 9999).map(y -> String.format("%04d", y));
        Arbitrary<String> two = Arbitraries.integers().between(0, 99).map(v -> String.format("%02d", v));
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(10)
                .map(f -> f.isEmpty() ? "" : "." + f);
        Arbitrary<String> zone = Arbitraries.of("Z", "Z", "Z", "+02:00", "z", "");
        return Combinators.combine(year, two, two, two, two, two, fraction, zone)
                .as((y, mo, d, h, mi, se, f, z) -> y + "-" + mo + "-" + d + "T" + h + ":" + mi + ":" + se + f + z);
    }
}
