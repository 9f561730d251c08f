package io.netrare.runtime.text;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class UrlMaskTest {

    @Test
    void userInfoQueryValuesAndTokenSegmentsAreMasked() {
        assertThat(UrlMask.mask(URI.create("https://bob:hunter2@soar.example:8443/hooks/netrare?token=abc123&x=1#frag")))
                .isEqualTo("https://***@soar.example:8443/hooks/netrare?token=***&x=***#***");
        assertThat(UrlMask.mask("https://hooks.slack.com/services/T0123/B0456/aBcDeFgHiJkLmNoP1234"))
                .isEqualTo("https://hooks.slack.com/services/T0123/B0456/***");
        assertThat(UrlMask.mask("http://alertmanager:9093/")).isEqualTo("http://alertmanager:9093/");
    }

    @Test
    void urlsInsideMessagesAreMasked() {
        String message = "connect to http://u:p@10.0.0.1:9093/api?key=s3cret failed";
        assertThat(UrlMask.maskAll(message)).isEqualTo("connect to http://***@10.0.0.1:9093/api?key=*** failed")
                .doesNotContain("s3cret", "u:p");
    }
}
