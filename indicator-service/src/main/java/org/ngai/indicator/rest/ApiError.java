package org.ngai.indicator.rest;

/** Error body: what went wrong and the field it concerns (null when not about one field). */
public record ApiError(int status, String error, String field) {
}
