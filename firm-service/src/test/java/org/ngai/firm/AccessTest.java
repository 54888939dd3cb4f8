package org.ngai.firm;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.ngai.testsupport.KafkaBrokerTestResource;
import org.ngai.testsupport.OperatorCredentials;

/**
 * Who may change a run (docs/deployment.md): creating, pausing, resuming and cancelling need HTTP basic
 * credentials of an account with the role run-operator; reads stay open.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OperatorCredentials.class, scope = TestResourceScope.GLOBAL)
class AccessTest {
    private static final String RUN = "{\"scenario\":\"baseline\",\"firms\":50,\"ticks\":1}";

    @Test
    void creatingARunNeedsCredentials() {
        given().contentType("application/json").body(RUN).post("/api/runs").then().statusCode(401);
    }

    @Test
    void wrongCredentialsAre401() {
        given().auth().preemptive().basic(OperatorCredentials.OPERATOR, "not-the-password").contentType("application/json")
                .body(RUN).post("/api/runs").then().statusCode(401);
        given().auth().preemptive().basic("someone-else", OperatorCredentials.operatorPassword())
                .contentType("application/json").body(RUN).post("/api/runs").then().statusCode(401);
    }

    @Test
    void anAccountWithoutTheOperatorRoleIs403() {
        given().auth().preemptive().basic(OperatorCredentials.VIEWER, OperatorCredentials.viewerPassword())
                .contentType("application/json").body(RUN).post("/api/runs").then().statusCode(403);
    }

    @Test
    void theOperatorCreatesAndControlsAndAnyoneReads() {
        String run = FirmServiceTest.create(RUN);
        for (String action : new String[] {"pause", "resume", "cancel"}) {
            given().post("/api/runs/" + run + "/" + action).then().statusCode(401);
            given().auth().preemptive().basic(OperatorCredentials.VIEWER, OperatorCredentials.viewerPassword())
                    .post("/api/runs/" + run + "/" + action).then().statusCode(403);
        }
        FirmServiceTest.operator().post("/api/runs/" + run + "/pause").then().statusCode(202);
        FirmServiceTest.operator().post("/api/runs/" + run + "/cancel").then().statusCode(202);
        // reads need no credentials
        given().get("/api/runs/" + run).then().statusCode(200).body("id", equalTo(run));
        given().get("/api/runs").then().statusCode(200);
        given().get("/api/scenarios").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void everyOtherChangingMethodUnderApiNeedsTheRoleToo() {
        // no such endpoints exist; the HTTP permission stops them before routing, whoever adds one later
        given().delete("/api/runs/x").then().statusCode(401);
        given().contentType("application/json").body("{}").put("/api/runs/x").then().statusCode(401);
        given().contentType("application/json").body("{}").patch("/api/runs/x").then().statusCode(401);
        given().auth().preemptive().basic(OperatorCredentials.VIEWER, OperatorCredentials.viewerPassword())
                .delete("/api/runs/x").then().statusCode(403);
    }
}
