package io.netrare.runtime.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafeTextTest {

    private static final String ESC = "\u001b";
    private static final String BEL = "\u0007";

    @Test
    void ansiClearScreenAndOscTitleAreShownNotSent() {
        String hostile = ESC + "[2J" + ESC + "]0;owned" + BEL + "curl";
        String safe = SafeText.escape(hostile);
        assertThat(safe).isEqualTo("\\x1b[2J\\x1b]0;owned\\x07curl");
        assertThat(safe.chars()).noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    @Test
    void aNewlineCannotStartAForgedLine() {
        String safe = SafeText.escape("sshd\nALERT forged\r\n");
        assertThat(safe).isEqualTo("sshd\\nALERT forged\\r\\n").doesNotContain("\n", "\r");
    }

    @Test
    void backticksAreNeutralizedInsideCodeSpansOnly() {
        assertThat(SafeText.inCode("a`b``c")).isEqualTo("a\\x60b\\x60\\x60c").doesNotContain("`");
        assertThat(SafeText.escape("a`b")).isEqualTo("a`b");
    }

    @Test
    void bidiZeroWidthC1DelAndLoneSurrogatesAreEscaped() {
        assertThat(SafeText.escape("gpj.\u202eexe")).isEqualTo("gpj.\\u202eexe");
        assertThat(SafeText.escape("ba\u200bsh\ufeff")).isEqualTo("ba\\u200bsh\\ufeff");
        assertThat(SafeText.escape("\u009b2J\u0085")).isEqualTo("\\u009b2J\\u0085");
        assertThat(SafeText.escape("x\u007f")).isEqualTo("x\\x7f");
        assertThat(SafeText.escape("a\ud800b")).isEqualTo("a\\ud800b");
        assertThat(SafeText.escape("p\u2028q\u2066")).isEqualTo("p\\u2028q\\u2066");
        assertThat(SafeText.escape("tag\udb40\udc41")).isEqualTo("tag\\U000e0041");
    }

    @Test
    void printableTextOfAnyScriptPassesUnchanged() {
        for (String ok : new String[] {"xmrig", "kworker/0:1", "nginx: worker", "сервер", "プロセス", "🙂 ok", "a b\u00e9"}) {
            assertThat(SafeText.escape(ok)).isSameAs(ok);
            assertThat(SafeText.isPrintable(ok)).isTrue();
        }
    }

    @Test
    void backslashesAreEscapedSoEscapesAreUnambiguous() {
        assertThat(SafeText.escape("\\x1b")).isEqualTo("\\\\x1b");
        assertThat(SafeText.escape(ESC)).isEqualTo("\\x1b");
    }

    @Test
    void lineIsIdempotentOnEscapedText() {
        String once = SafeText.escape(ESC + "[31m\\n\n`");
        assertThat(SafeText.line(once)).isEqualTo(once);
        assertThat(SafeText.line("a\nb\\c")).isEqualTo("a\\nb\\c");
        assertThat(SafeText.isPrintable("a\nb")).isFalse();
        assertThat(SafeText.escape(null)).isEqualTo("null");
    }
}
