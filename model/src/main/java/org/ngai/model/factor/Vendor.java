package org.ngai.model.factor;

/** An AI vendor (A5): region, layer (0 BASE, 1 TECH, 2 APP) and entry tick. */
public record Vendor(long id, int region, int layer, int entryTick) {
    public static final int BASE = 0;
    public static final int TECH = 1;
    public static final int APP = 2;
}
