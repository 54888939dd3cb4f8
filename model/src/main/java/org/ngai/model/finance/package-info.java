/**
 * Finance-side decision rules (spec §A6): the real-option investment hurdle.
 */
package org.ngai.model.finance;
