package io.netrare.schema;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatedStringsTest {

    @Test
    void aRepeatedValueIsTheSameString() {
        RepeatedStrings table = new RepeatedStrings();
        byte[] doc = "xx/usr/bin/curl--/usr/bin/curl".getBytes(StandardCharsets.US_ASCII);
        String first = table.of(doc, 2, 15);
        assertThat(first).isEqualTo("/usr/bin/curl");
        assertThat(table.of(doc, 17, 30)).isSameAs(first);
        assertThat(table.of(doc, 2, 2)).isEmpty();
    }

    /** Whatever the table holds (values that share slots, prefixes, lengths), each answer is the bytes' text. */
    @Property(tries = 300)
    void everyAnswerIsTheText(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int pool) {
        Random r = new Random(seed);
        RepeatedStrings table = new RepeatedStrings();
        String[] values = new String[pool];
        for (int i = 0; i < pool; i++) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(r.nextBoolean() ? 12 : RepeatedStrings.MAX_LENGTH + 10);
            for (int k = 0; k < len; k++) {
                // ASCII mostly, with two- and three-byte UTF-8 characters and a surrogate pair now and then
                int kind = r.nextInt(20);
                if (kind == 0) {
                    sb.append((char) (0xA0 + r.nextInt(0x700)));
                } else if (kind == 1) {
                    sb.append((char) (0x3040 + r.nextInt(0x100)));
                } else if (kind == 2) {
                    sb.appendCodePoint(0x1F300 + r.nextInt(0x100));
                } else {
                    sb.append((char) (0x20 + r.nextInt(4) * (1 + r.nextInt(20))));
                }
            }
            values[i] = sb.toString();
        }
        for (int k = 0; k < 2000; k++) {
            String v = values[r.nextInt(pool)];
            byte[] padded = ("<" + v + ">").getBytes(StandardCharsets.UTF_8);
            assertThat(table.of(padded, 1, padded.length - 1)).isEqualTo(v);
        }
    }
}
