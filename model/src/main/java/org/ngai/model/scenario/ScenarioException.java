package org.ngai.model.scenario;

/** An invalid scenario: {@link #field()} names the offending field (dotted path). */
public final class ScenarioException extends IllegalArgumentException {
    private final String field;

    public ScenarioException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
