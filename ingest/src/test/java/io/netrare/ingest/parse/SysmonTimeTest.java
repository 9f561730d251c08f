package io.netrare.ingest.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;

/** Sysmon's UtcTime read without the formatter gives what the formatter gives, whenever it gives anything. */
class SysmonTimeTest {

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]");

    @Property(tries = 5000)
    void theFastPathAgreesWithTheFormatter(@ForAll("utcTimes") String s) {
        Instant fast = Fields.fastUtcTime(s);
        if (fast == null) {
            return; // the formatter decides, as before
        }
        Instant formatter;
        try {
            formatter = LocalDateTime.parse(s, UTC_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            formatter = null;
        }
        assertThat(fast).as(s).isEqualTo(formatter);
    }

    @Property(tries = 200)
    void thePlainShapeTakesTheFastPath(@ForAll("plain") String s) {
        assertThat(Fields.fastUtcTime(s)).as(s).isEqualTo(LocalDateTime.parse(s, UTC_TIME).toInstant(ZoneOffset.UTC));
    }

    @Provide
    Arbitrary<String> utcTimes() {
        Arbitrary<String> year = Arbitraries.integers().between(0, 9999).map(y -> String.format("%04d", y));
        Arbitrary<String> two = Arbitraries.integers().between(0, 99).map(v -> String.format("%02d", v));
        Arbitrary<String> fraction = Arbitraries.strings().withChars("0123456789.").ofMinLength(0).ofMaxLength(10)
                .map(f -> f.isEmpty() ? "" : "." + f);
        Arbitrary<String> sep = Arbitraries.of(" ", " ", "T", "-");
        return Combinators.combine(year, two, two, sep, two, two, two, fraction)
                .as((y, mo, d, t, h, mi, se, f) -> y + "-" + mo + "-" + d + t + h + ":" + mi + ":" + se + f);
    }

    @Provide
    Arbitrary<String> plain() {
        return Combinators.combine(Arbitraries.integers().between(1970, 2100), Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(1, 28), Arbitraries.integers().between(0, 23),
                Arbitraries.integers().between(0, 59), Arbitraries.integers().between(0, 59), Arbitraries.of("", ".838", ".838123",
                        ".838123456")).as((y, mo, d, h, mi, se, f) -> String.format("%04d-%02d-%02d %02d:%02d:%02d%s", y, mo, d, h, mi, se, f));
    }
}
