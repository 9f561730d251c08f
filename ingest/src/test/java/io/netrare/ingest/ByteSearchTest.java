package io.netrare.ingest;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The word-at-a-time search finds what a byte-by-byte search finds, at every alignment and range. */
class ByteSearchTest {

    @Property(tries = 2000)
    void findsWhatANaiveSearchFinds(@ForAll long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[r.nextInt(70)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (r.nextInt(3) == 0 ? "\n<Ev=a".charAt(r.nextInt(6)) : r.nextInt(256));
        }
        int from = b.length == 0 ? 0 : r.nextInt(b.length + 1);
        int end = from + r.nextInt(b.length - from + 1);
        byte value = (byte) (r.nextBoolean() ? '\n' : r.nextInt(256));
        assertThat(ByteSearch.indexOf(b, from, end, value)).isEqualTo(naive(b, from, end, new byte[] {value}));
        assertThat(ByteSearch.newline(b, from, end)).isEqualTo(naive(b, from, end, new byte[] {'\n'}));
        byte[] needle = r.nextBoolean() ? new byte[] {'<', 'E', 'v'} : new byte[] {(byte) r.nextInt(256), '=', 'a'};
        assertThat(ByteSearch.indexOf(b, from, end, needle)).isEqualTo(naive(b, from, end, needle));
    }

    private static int naive(byte[] b, int from, int end, byte[] needle) {
        outer:
        for (int i = from; i <= end - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (b[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
