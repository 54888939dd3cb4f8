package org.ngai.events.audit;

/**
 * A question the log cannot answer, and why: the run is not on the log, the firm has no record at that tick,
 * or the tick is outside the run or not reached yet. {@link #field()} names the input at fault.
 */
public final class AuditException extends RuntimeException {
    /** What kind of answer this is (an API maps NOT_FOUND to 404 and BAD_INPUT to 400). */
    public enum Kind { NOT_FOUND, BAD_INPUT }

    private final Kind kind;
    private final String field;

    public AuditException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    /** The request field at fault ({@code tick}, {@code firmId}, {@code runId}). */
    public String field() {
        return field;
    }
}
