package org.ngai.market.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bad input gets 400 with a message that names the field; unknown resources 404. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response badRequest(BadRequest e) {
        return json(400, e.getMessage(), e.field);
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e) {
        return json(404, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
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
}
