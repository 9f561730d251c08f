package io.netrare.alerting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Alert ids: SHA-256 of (rule id, job id, record id). The record's version is deliberately left out:
 * the interim record, the final record and every renormalized update of one anomaly share the id, so
 * one anomaly can raise one alert per rule, ever. (Elastic hashes the version in and can alert twice.)
 */
public final class AlertIds {

    private AlertIds() {
    }

    public static String of(String ruleId, String jobId, String recordId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // NUL separators: no two different triples hash the same text
            sha.update((ruleId + '\0' + jobId + '\0' + recordId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
