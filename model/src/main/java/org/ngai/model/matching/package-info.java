/**
 * Factor collaborative matching (spec §B2-B4): the paper's technology-transfer signalling game,
 * Cobb-Douglas search-and-matching, and deferred acceptance for discrete matches.
 */
package org.ngai.model.matching;
