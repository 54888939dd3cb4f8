package org.ngai.indicator.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ngai.indicator.rest.Views.IndicatorInfo;
import org.ngai.model.indicator.Indicator;

@Path("/api/indicators")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "indicators", description = "The indicator catalogue")
public class IndicatorResource {
    private static final List<IndicatorInfo> CATALOGUE = Arrays.stream(Indicator.values()).map(IndicatorInfo::of).toList();

    @GET
    @Operation(summary = "Every indicator: key, unit, spec section, description and scopes (national, region, sector)")
    @APIResponse(responseCode = "200", description = "The catalogue, in specification order")
    public List<IndicatorInfo> catalogue() {
        return CATALOGUE;
    }
}
