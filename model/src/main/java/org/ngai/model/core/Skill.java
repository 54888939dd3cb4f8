package org.ngai.model.core;

/** Worker skill (spec §1). */
public enum Skill {
    LOW, HIGH
}
