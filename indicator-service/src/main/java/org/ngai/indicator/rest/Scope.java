package org.ngai.indicator.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ngai.service.rest.ErrorMappers.BadRequest;
import org.ngai.model.indicator.Indicator;

/** The scopes of an indicator: national, per region, per sector (Indicator's N, R, S). */
public enum Scope {
    NATIONAL('N'), REGION('R'), SECTOR('S');

    public final char code;

    Scope(char code) {
        this.code = code;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean covers(Indicator i) {
        return switch (this) {
            case NATIONAL -> i.national;
            case REGION -> i.regional;
            case SECTOR -> i.sectoral;
        };
    }

    /** The scope named by a query parameter (default national); 400 naming {@code scope} otherwise. */
    public static Scope parse(String s) {
        if (s == null || s.isBlank()) {
            return NATIONAL;
        }
        for (Scope sc : values()) {
            if (sc.label().equalsIgnoreCase(s.trim())) {
                return sc;
            }
        }
        throw new BadRequest("scope", "unknown scope '" + s + "' (expected national, region or sector)");
    }

    public static List<String> labels(Indicator i) {
        List<String> out = new ArrayList<>(3);
        for (Scope sc : values()) {
            if (sc.covers(i)) {
                out.add(sc.label());
            }
        }
        return out;
    }
}
