package org.ngai.service.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.ngai.model.scenario.ScenarioException;
import org.ngai.service.capacity.CapacityExceeded;

/**
 * Every service's error responses: bad input gets 400 with a message that names the field (scenario
 * validation, request parameters, malformed or mistyped JSON); unknown resources 404; a state conflict
 * 409; a run too large for this instance's heap 422, naming {@code firms} and the limit
 * (docs/pipeline.md, "Capacity"). The body is an {@link ApiError}. Services throw the nested exceptions.
 */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response scenario(ScenarioException e) {
        return json(400, e.getMessage(), e.field());
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequest e) {
        return json(400, e.getMessage(), e.field);
    }

    /** 422 Unprocessable Content: a valid request that this instance cannot carry (docs/pipeline.md, "Capacity"). */
    @ServerExceptionMapper
    public Response capacity(CapacityExceeded e) {
        return json(422, e.getMessage(), e.field());
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e) {
        return json(404, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response conflict(Conflict e) {
        return json(409, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        String field = null;
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            field = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        String msg;
        if (e instanceof UnrecognizedPropertyException u) {
            msg = "unknown field '" + u.getPropertyName() + "'";
            field = u.getPropertyName();
        } else if (e instanceof InvalidFormatException f) {
            msg = "field " + field + " has an invalid value " + f.getValue();
        } else if (field != null) {
            msg = "field " + field + ": " + e.getOriginalMessage();
        } else {
            msg = "malformed JSON: " + e.getOriginalMessage();
        }
        return json(400, msg, field);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Throwable c = e.getCause();
        if (c instanceof JsonProcessingException j) {
            return malformedJson(j);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        return json(status, e.getMessage(), null);
    }

    static Response json(int status, String error, String field) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(status, error, field)).build();
    }

    /** 400 naming a field. */
    public static final class BadRequest extends RuntimeException {
        final String field;

        public BadRequest(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    public static final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }
}
