package org.ngai.model.core;

/** Worker skill (MODEL 1). */
public enum Skill {
    LOW, HIGH
}
