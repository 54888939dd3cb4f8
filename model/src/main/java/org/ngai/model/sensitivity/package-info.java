/**
 * Global sensitivity analysis of the model (issue "model validity" 1): Morris elementary effects over
 * every economic parameter's documented range ({@link org.ngai.model.sensitivity.Factors}), Sobol
 * first-order and total indices of the leading factors ({@link org.ngai.model.sensitivity.Sobol}), run on a
 * fixed thread pool with results indexed by design point, and the generated page docs/sensitivity.md with
 * its staleness fingerprint ({@link org.ngai.model.sensitivity.SensitivityAnalysis},
 * {@code ./simulate sensitivity}).
 */
package org.ngai.model.sensitivity;
