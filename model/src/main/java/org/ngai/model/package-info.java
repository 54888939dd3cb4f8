/**
 * The economics of Cao, Liu and Zheng (2025) as plain Java: no Quarkus, no Kafka.
 * Section references (A1, B3, ...) point at docs/specification.md.
 */
package org.ngai.model;
