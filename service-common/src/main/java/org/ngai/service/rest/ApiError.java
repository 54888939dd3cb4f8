package org.ngai.service.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Error body: what went wrong and the field it concerns (null when not about one field). */
@Schema(description = "Error: HTTP status, message, and the offending field (null when not about one field)")
public record ApiError(int status, String error, String field) {
}
