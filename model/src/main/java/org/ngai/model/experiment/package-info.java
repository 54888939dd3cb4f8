/**
 * Replicated experiments (docs/experiments.md): several cells (scenarios, parameter variants, a grid)
 * each run for R replicates with common random numbers, summarised per tick with means and Student-t
 * confidence intervals and compared with a control cell by paired differences; and the check of a
 * scenario's {@code expect:} block against such a comparison.
 */
package org.ngai.model.experiment;
