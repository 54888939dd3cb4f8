package org.ngai.model.core;

/** NBS macro-areas used for the between/within Theil split (MODEL C). */
public enum MacroArea {
    EAST, CENTRAL, WEST, NORTHEAST
}
