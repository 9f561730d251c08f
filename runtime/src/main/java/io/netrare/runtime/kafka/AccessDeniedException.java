package io.netrare.runtime.kafka;

import static java.util.Objects.requireNonNull;

/**
 * Kafka refused an operation for lack of an ACL. The message names the principal, the operation and the
 * resource, e.g. {@code principal User:scoring lacks READ on topic netrare.models}, so that an operator can
 * grant exactly that right (see {@code netrare acl}).
 */
public final class AccessDeniedException extends RuntimeException {

    private final String principal;
    private final String operation;
    private final String resourceType;
    private final String resource;

    public AccessDeniedException(String principal, String operation, String resourceType, String resource, String hint,
                                 Throwable cause) {
        super("principal " + principal + " lacks " + operation + " on " + resourceType + " " + resource
                + (hint == null || hint.isBlank() ? "" : "; " + hint), cause);
        this.principal = requireNonNull(principal, "principal is null");
        this.operation = requireNonNull(operation, "operation is null");
        this.resourceType = requireNonNull(resourceType, "resourceType is null");
        this.resource = requireNonNull(resource, "resource is null");
    }

    /** {@code User:<name>}. */
    public String principal() {
        return principal;
    }

    /** Kafka's operation name: {@code READ}, {@code WRITE}, {@code DESCRIBE}, {@code CREATE}, {@code IDEMPOTENT_WRITE}. */
    public String operation() {
        return operation;
    }

    /** {@code topic}, {@code group}, {@code transactional-id} or {@code cluster}. */
    public String resourceType() {
        return resourceType;
    }

    public String resource() {
        return resource;
    }
}
