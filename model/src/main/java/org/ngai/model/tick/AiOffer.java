package org.ngai.model.tick;

/** AI services offered this tick: capacity (compute-bound) at price p_AI and quality q (A5, C chokepoints). */
public record AiOffer(double capacity, double price, double quality) {
}
