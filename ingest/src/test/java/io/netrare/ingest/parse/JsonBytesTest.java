package io.netrare.ingest.parse;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The word-at-a-time scans agree with a byte-by-byte reading on every position of random bytes. */
class JsonBytesTest {

    /** Bytes that matter to the scans, and plain ones, so that every kind of byte lands in every lane of a word. */
    private static final byte[] PALETTE = {'"', '\\', 0, 0x1F, 0x20, 0x21, 'a', 'z', '0', '9', '/', ':', '.', '-', 'e', 0x7F,
            (byte) 0x80, (byte) 0xA0, (byte) 0xC3, (byte) 0xFF, 0x01, 0x22 ^ 0x01, 0x5C ^ 0x01, '!', '#', '[', ']'};

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            // mostly plain runs, so a stop can fall in any lane after any number of plain bytes
            b[i] = r.nextInt(4) == 0 ? PALETTE[r.nextInt(PALETTE.length)] : (byte) ('a' + r.nextInt(26));
        }
        return b;
    }

    @Test
    void plainRunStopsAtTheFirstQuoteBackslashControlOrNonAsciiByte() {
        Random r = new Random(13);
        for (int round = 0; round < 3_000; round++) {
            byte[] b = randomBytes(r, 1 + r.nextInt(40));
            for (int from = 0; from < b.length; from++) {
                int end = from + r.nextInt(b.length - from + 1);
                int expected = end;
                for (int i = from; i < end; i++) {
                    if (b[i] == '"' || b[i] == '\\' || b[i] < 0x20) {
                        expected = i;
                        break;
                    }
                }
                assertThat(JsonBytes.plainRun(b, from, end)).as("from %d to %d of %s", from, end, hex(b)).isEqualTo(expected);
            }
        }
    }

    @Test
    void nonDigitsFlagsExactlyTheBytesThatAreNotDigits() {
        Random r = new Random(14);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[8];
            for (int i = 0; i < 8; i++) {
                b[i] = r.nextBoolean() ? (byte) ('0' + r.nextInt(10)) : (byte) r.nextInt(256);
            }
            long flags = JsonBytes.nonDigits(JsonBytes.word(b, 0));
            for (int i = 0; i < 8; i++) {
                boolean digit = b[i] >= '0' && b[i] <= '9';
                assertThat((flags >>> (8 * i + 7)) & 1).as("byte %d of %s", i, hex(b)).isEqualTo(digit ? 0L : 1L);
            }
            assertThat(flags & ~0x8080808080808080L).isZero();
        }
        for (int v = 0; v < 256; v++) { // every byte value in every lane
            for (int lane = 0; lane < 8; lane++) {
                byte[] b = "01234567".getBytes();
                b[lane] = (byte) v;
                long flags = JsonBytes.nonDigits(JsonBytes.word(b, 0));
                long expected = v >= '0' && v <= '9' ? 0 : 0x80L << (8 * lane);
                assertThat(flags).as("0x%02x in lane %d", v, lane).isEqualTo(expected);
            }
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x ", x & 0xFF));
        }
        return sb.toString();
    }
}
