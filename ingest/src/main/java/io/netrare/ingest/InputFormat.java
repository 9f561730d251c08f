package io.netrare.ingest;

import java.util.Locale;

/** Input format of a source: detected per record ({@link #AUTO}) or fixed by the user. */
public enum InputFormat {
    AUTO, ECS, AUDITD, SYSMON;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InputFormat parse(String text) {
        for (InputFormat f : values()) {
            if (f.id().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + text + "', expected one of auto, ecs, auditd, sysmon");
    }
}
