package org.ngai.model.core;

/** Three-sector classification used for tech-cooperation shares (spec §E1: tertiary/secondary/primary). */
public enum SectorClass {
    PRIMARY, SECONDARY, TERTIARY
}
