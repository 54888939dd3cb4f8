/**
 * Aggregate indicators (spec §C, B5, A3b, A5, F4): inequality and concentration, coupling
 * coordination, rolling OLS loop gain, and the Hsieh-Klenow allocative gap.
 */
package org.ngai.model.indicator;
