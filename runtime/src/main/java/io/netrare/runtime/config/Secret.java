package io.netrare.runtime.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a config record component whose value must never be printed or logged. {@link ConfigPrinter}
 * shows it as {@code ****}. Map entries whose key names a secret (see {@link ConfigPrinter#isSecretKey})
 * are masked without the annotation.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Secret {
}
