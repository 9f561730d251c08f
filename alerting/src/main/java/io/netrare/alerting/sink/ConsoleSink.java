package io.netrare.alerting.sink;

import io.netrare.runtime.text.SafeText;
import io.netrare.schema.Alert;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Prints one readable line per alert; ANSI colours only when asked to or when writing to a terminal. Text
 * from the alert passes through {@link SafeText#line}, so an alert read from the topic cannot put escape
 * sequences or line breaks on the terminal whoever wrote it.
 */
public final class ConsoleSink implements AlertSink {

    private static final String RESET = "\u001b[0m";

    private final PrintStream out;
    private final boolean colour;

    public ConsoleSink(PrintStream out, boolean colour) {
        this.out = requireNonNull(out, "out is null");
        this.colour = colour;
    }

    /** {@code auto}: colour when stdout is a terminal, {@code TERM} is not dumb and {@code NO_COLOR} is unset. */
    public static boolean colourFor(String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "always" -> true;
            case "never" -> false;
            default -> System.console() != null && System.getenv("NO_COLOR") == null
                    && !"dumb".equals(System.getenv("TERM"));
        };
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public void deliver(Alert alert) {
        out.println(format(alert));
        out.flush();
    }

    String format(Alert alert) {
        String severity = alert.severity().toUpperCase(Locale.ROOT);
        StringBuilder line = new StringBuilder();
        line.append(colour ? paint(severity) : "[" + severity + "]").append(' ')
                .append(alert.originalTime()).append(' ')
                .append(colour ? "\u001b[1m" + SafeText.line(alert.rule().name()) + RESET : SafeText.line(alert.rule().name()))
                .append(": ").append(SafeText.line(alert.reason()));
        if (alert.late()) {
            line.append(" [late by ").append(human(Duration.ofMillis(alert.latenessMillis()))).append(']');
        }
        if (alert.suppressedCount() > 0) {
            line.append(" [+").append(alert.suppressedCount()).append(" suppressed]");
        }
        line.append(" (alert ").append(alert.alertId(), 0, 12).append(')');
        return line.toString();
    }

    private static String paint(String severity) {
        String code = switch (severity) {
            case "CRITICAL" -> "\u001b[1;41;97m";
            case "HIGH" -> "\u001b[1;31m";
            case "MEDIUM" -> "\u001b[1;33m";
            default -> "\u001b[1;36m";
        };
        return code + "[" + severity + "]" + RESET;
    }

    private static String human(Duration d) {
        return d.toHours() > 0 ? d.toHours() + "h" + d.toMinutesPart() + "m" : d.toMinutes() + "m" + d.toSecondsPart() + "s";
    }
}
