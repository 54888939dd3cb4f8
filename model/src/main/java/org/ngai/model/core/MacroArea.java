package org.ngai.model.core;

/** NBS macro-areas used for the between/within Theil split (spec §C). */
public enum MacroArea {
    EAST, CENTRAL, WEST, NORTHEAST
}
