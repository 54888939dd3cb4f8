package org.ngai.model.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ngai.model.engine.Catalogue;
import org.ngai.model.matching.GameMode;

class ScenarioLoaderTest {
    static final Path SCENARIOS = Path.of("..", "scenarios");

    @Test
    void everyScenarioFileLoadsAndTheBundledIndexListsThemAll() throws IOException {
        List<String> files;
        try (Stream<Path> s = Files.list(SCENARIOS)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        }
        assertThat(files).contains("baseline", "export-control-shock", "lagging-region-subsidy", "financing-support");
        assertThat(ScenarioLoader.bundledNames()).containsExactlyElementsOf(files);
        for (String name : files) {
            Scenario fromFile = ScenarioLoader.load(SCENARIOS.resolve(name + ".yaml"));
            assertThat(fromFile.name()).isEqualTo(name);
            assertThat(ScenarioLoader.bundled(name)).isEqualTo(fromFile);
        }
    }

    @Test
    void leverFilesChangeOnlyWhatTheyDeclareOnTopOfTheBaseline() {
        Scenario base = ScenarioLoader.bundled("baseline");
        Scenario lever = ScenarioLoader.bundled("lagging-region-subsidy");
        assertThat(lever.params().get(Param.SUBSIDY_LAGGING)).isEqualTo(0.3);
        assertThat(lever.params().with(Param.SUBSIDY_LAGGING, 0)).isEqualTo(base.params());
        assertThat(lever.firms()).isEqualTo(base.firms());
        assertThat(lever.seed()).isEqualTo(base.seed());
    }

    @Test
    void scheduledChangesApplyFromTheirTick() {
        Scenario s = ScenarioLoader.bundled("talent-training");
        assertThat(s.paramsAt(8).get(Param.TRAIN_SUBSIDY)).isZero();
        assertThat(s.paramsAt(9).get(Param.TRAIN_SUBSIDY)).isEqualTo(0.03);
        assertThat(s.paramsAt(60).get(Param.TRAIN_SUBSIDY)).isEqualTo(0.03);
    }

    @Test
    void outOfRangeParameterIsRejectedNamingFieldAndRange() {
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nparameters:\n  labour.separation: 0.5\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("parameters.labour.separation")
                .hasMessageContaining("[0.01, 0.04]")
                .extracting(e -> ((ScenarioException) e).field()).isEqualTo("parameters.labour.separation");
    }

    @Test
    void unknownParameterUnknownFieldAndWrongTypesAreRejected() {
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nparameters:\n  labour.nope: 1\n"))
                .hasMessageContaining("parameters.labour.nope").hasMessageContaining("not a known parameter");
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nfirmz: 10\n"))
                .hasMessageContaining("firmz").hasMessageContaining("not a scenario field");
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nfirms: many\n"))
                .hasMessageContaining("firms").hasMessageContaining("whole number");
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nparameters:\n  labour.separation: fast\n"))
                .hasMessageContaining("parameters.labour.separation").hasMessageContaining("number");
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nfirms: -5\n"))
                .hasMessageContaining("firms").hasMessageContaining("[10, 1000000]");
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\ngameMode: FANCY\n"))
                .hasMessageContaining("gameMode").hasMessageContaining("PAPER");
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nparameters:\n  production.tasksInitial: 6.5\n"))
                .hasMessageContaining("production.tasksInitial").hasMessageContaining("whole number");
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nextends: nowhere\n"))
                .hasMessageContaining("extends").hasMessageContaining("nowhere");
        assertThatThrownBy(() -> ScenarioLoader.parse("{ not yaml"))
                .isInstanceOf(ScenarioException.class);
    }

    @Test
    void scheduleEntriesAreValidatedToo() {
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nticks: 10\nschedule:\n  - tick: 20\n    set: {labour.separation: 0.02}\n"))
                .hasMessageContaining("schedule[0].tick");
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nschedule:\n  - tick: 2\n    set: {labour.separation: 0.9}\n"))
                .hasMessageContaining("schedule[0].set.labour.separation").hasMessageContaining("[0.01, 0.04]");
    }

    @Test
    void normalisedDocumentRoundTrips() {
        Scenario s = ScenarioLoader.bundled("financing-support").toBuilder().gameMode(GameMode.GENERAL).seed(5).build();
        assertThat(ScenarioLoader.parse(ScenarioLoader.toJson(s))).isEqualTo(s);
    }

    @Test
    void parameterAndIndicatorDocsAreGeneratedFromTheCode() throws IOException {
        assertThat(Files.readString(Path.of("..", "docs", "parameters.md"))).isEqualTo(Catalogue.parametersMarkdown());
        assertThat(Files.readString(Path.of("..", "docs", "indicators.md"))).isEqualTo(Catalogue.indicatorsMarkdown());
    }

    @Test
    void priceAtTheBadValueIsAcceptedButOutsideTheValuesIsRejectedNamingFieldConstraintAndRange() {
        assertThat(ScenarioLoader.parse("name: x\nparameters:\n  game.price: 0.4\n").params().get(Param.GAME_PRICE))
                .isEqualTo(0.4);
        assertThat(ScenarioLoader.parse("name: x\nparameters:\n  game.price: 1.6\n").params().get(Param.GAME_PRICE))
                .isEqualTo(1.6);
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nparameters:\n  game.price: 2.0\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("parameters.game.price = 2 must not exceed game.goodValue (1.6)")
                .hasMessageContaining("V > P > W").hasMessageContaining("[0.4, 1.6]")
                .extracting(e -> ((ScenarioException) e).field()).isEqualTo("parameters.game.price");
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nparameters:\n  game.price: 0.3\n"))
                .hasMessageContaining("parameters.game.price = 0.3 must not be below game.badValue (0.4)");
        // the error names the parameter the document set
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nparameters:\n  game.goodValue: 0.8\n"))
                .hasMessageContaining("parameters.game.goodValue = 0.8 must not be below game.price (1)")
                .hasMessageContaining("[1, 100]");
        assertThatThrownBy(() -> ScenarioLoader.parse(
                "name: x\nparameters:\n  game.price: 1.0\n  game.goodValue: 1.0\n  game.badValue: 1.0\n"))
                .hasMessageContaining("V > W");
    }

    @Test
    void initialStageSharesAboveOneAndTasksAboveTheirCapAreRejected() {
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nparameters:\n  init.stageShareIntelligent: 0.9\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("parameters.init.stageShareIntelligent = 0.9 makes the initial stage shares sum to 1.1")
                .hasMessageContaining("at most 1").hasMessageContaining("[0, 0.8]");
        assertThat(ScenarioLoader.parse("name: x\nparameters:\n  init.stageShareIntelligent: 0.8\n").params()
                .get(Param.INIT_STAGE_3)).isEqualTo(0.8);
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nparameters:\n  production.tasksMax: 6\n"))
                .hasMessageContaining("parameters.production.tasksMax = 6 must not be below production.tasksInitial (8)")
                .hasMessageContaining("[8, 16]");
    }

    @Test
    void crossParameterConstraintsHoldForTheParametersInForceAfterEachScheduleEntry() {
        assertThatThrownBy(() -> ScenarioLoader.parse(
                "name: x\nticks: 10\nschedule:\n  - tick: 3\n    set: {labour.separation: 0.02}\n"
                        + "  - tick: 5\n    set: {game.price: 2.0}\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("schedule[1].set.game.price = 2 must not exceed game.goodValue (1.6)")
                .extracting(e -> ((ScenarioException) e).field()).isEqualTo("schedule[1].set.game.price");
        // a base value that a later entry makes inconsistent: blamed on the entry's own parameter
        assertThatThrownBy(() -> ScenarioLoader.parse(
                "name: x\nticks: 10\nparameters: {game.price: 1.5}\nschedule:\n  - tick: 4\n    set: {game.goodValue: 1.2}\n"))
                .hasMessageContaining("schedule[0].set.game.goodValue = 1.2 must not be below game.price (1.5)");
        Scenario ok = ScenarioLoader.parse("name: x\nticks: 10\nschedule:\n  - tick: 4\n    set: {game.price: 0.4}\n");
        assertThat(ok.paramsAt(4).get(Param.GAME_PRICE)).isEqualTo(0.4);
    }

    @Test
    void driftZeroIsOutsideItsRangeBecauseTheHurdleWouldBeInfinite() {
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nparameters:\n  adoption.drift: 0\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("parameters.adoption.drift").hasMessageContaining("[0.005, 0.2]");
        assertThat(ScenarioLoader.parse("name: x\nparameters:\n  adoption.drift: 0.005\n").params().get(Param.DRIFT))
                .isEqualTo(0.005);
    }
}
