/**
 * Finance-side decision rules (MODEL.md A6): the real-option investment hurdle.
 */
package org.ngai.model.finance;
