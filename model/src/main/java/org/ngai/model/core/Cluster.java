package org.ngai.model.core;

/** Regional AI clusters of the paper's Fig. 4 / spec §0: Jing-Jin-Ji, Yangtze delta, Pearl delta, other. */
public enum Cluster {
    JJJ, YRD, PRD, OTHER;

    /** True for the three leading clusters whose combined share is CR3 (spec §C). */
    public boolean leading() {
        return this != OTHER;
    }
}
