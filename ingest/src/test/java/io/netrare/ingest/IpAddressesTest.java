package io.netrare.ingest;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IpAddressesTest {

    @Test
    void canonicalForms() {
        assertThat(IpAddresses.canonical("10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(IpAddresses.canonical("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(IpAddresses.canonical("::")).isEqualTo("::");
        assertThat(IpAddresses.canonical("2001:DB8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpAddresses.canonical("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(IpAddresses.canonical("::ffff:127.0.0.1")).isEqualTo("::ffff:127.0.0.1");
        assertThat(IpAddresses.canonical("fe80::1%eth0")).isEqualTo("fe80::1");
    }

    @Test
    void notIpLiterals() {
        for (String s : new String[] {"", "localhost", "1.2.3", "1.2.3.256", "1::2::3", "12345::", ":::", "1.2.3.4.5",
                "g::1", "1:2:3:4:5:6:7:8:9", "example.com"}) {
            assertThat(IpAddresses.canonical(s)).as(s).isNull();
        }
    }

    @Test
    void unmapsIpv4MappedAddresses() {
        byte[] mapped = IpAddresses.parse("::ffff:127.0.0.1");
        assertThat(IpAddresses.format(IpAddresses.unmapV4(mapped))).isEqualTo("127.0.0.1");
    }

    /** The shortcut for dotted quads agrees with parsing and formatting again. */
    @Property(tries = 3000)
    void aCanonicalDottedQuadIsKnownWithoutParsing(@ForAll("dottedish") String s) {
        byte[] parsed = IpAddresses.parse(s);
        boolean canonical = parsed != null && parsed.length == 4 && IpAddresses.format(parsed).equals(s);
        assertThat(IpAddresses.isCanonicalV4(s)).as(s).isEqualTo(canonical);
        byte[] framed = ("\"" + s + "\"").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(IpAddresses.isCanonicalV4(framed, 1, framed.length - 1)).as("bytes of " + s).isEqualTo(canonical);
        if (parsed != null && parsed.length == 4) {
            assertThat(IpAddresses.canonical(s)).as(s).isEqualTo(IpAddresses.format(parsed));
        }
    }

    @Provide
    Arbitrary<String> dottedish() {
        Arbitrary<String> quads = Arbitraries.integers().between(0, 300).list().ofMinSize(1).ofMaxSize(6)
                .map(parts -> String.join(".", parts.stream().map(String::valueOf).toList()));
        Arbitrary<String> padded = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(parts -> String.join(".", parts.stream().map(p -> p < 100 ? "0" + p : String.valueOf(p)).toList()));
        Arbitrary<String> chars = Arbitraries.strings().withChars("0123456789.").ofMinLength(0).ofMaxLength(18);
        return Arbitraries.oneOf(quads, padded, chars);
    }
}
