package io.netrare.ingest;

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
}
