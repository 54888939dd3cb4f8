package org.ngai.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioException;
import org.ngai.model.scenario.ScenarioLoader;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ComparisonTest {

    static Scenario bundled(String name, int firms, int ticks) {
        return ScenarioLoader.bundled(name).toBuilder().firms(firms).ticks(ticks).build();
    }

    @Test
    void aScenarioAgainstItselfDiffersNowhere() {
        Scenario s = bundled("baseline", 400, 8);
        Comparison c = Comparison.run(s, s);
        assertThat(c.policySeries()).isEqualTo(c.baseSeries());
        for (Indicator i : IndicatorTable.HEADLINE) {
            double d = c.finalDelta(i);
            assertThat(Double.isNaN(d) || d == 0).as(i.key).isTrue();
        }
        assertThat(c.table()).contains("Δ mean", Indicator.COORDINATION.key);
    }

    @Test
    void runsThatDifferInSizeLengthOrSeedAreNotComparedAndTheFieldIsNamed() {
        Scenario s = bundled("baseline", 400, 8);
        assertThatThrownBy(() -> Comparison.run(s, s.toBuilder().ticks(9).build()))
                .isInstanceOf(ScenarioException.class).satisfies(e -> assertThat(((ScenarioException) e).field()).isEqualTo("ticks"));
        assertThatThrownBy(() -> Comparison.run(s, s.toBuilder().firms(401).build()))
                .isInstanceOf(ScenarioException.class).satisfies(e -> assertThat(((ScenarioException) e).field()).isEqualTo("firms"));
        assertThatThrownBy(() -> Comparison.run(s, s.withSeed(s.seed() + 1)))
                .isInstanceOf(ScenarioException.class).satisfies(e -> assertThat(((ScenarioException) e).field()).isEqualTo("seed"));
    }

    @Test
    void financingSupportAgainstBaselineShowsTheLeversEffectsInTheDifferences() throws Exception {
        // spec §D (financing support, AI credit scoring) and B3: credit flows, the finance market separates,
        // fewer firms die in the J-curve window; the comparison's differences carry the signs
        Comparison c = Comparison.run(bundled("baseline", 3000, 40), bundled("financing-support", 3000, 40));
        assertThat(c.meanDelta(Indicator.FIN_SEPARATING)).isGreaterThan(0);
        assertThat(c.meanDelta(Indicator.CREDIT_GRANTED)).isGreaterThan(0);
        assertThat(c.meanDelta(Indicator.FAST_DEATHS)).isLessThan(0);
        assertThat(c.finalDelta(Indicator.FIN_SEPARATING)).isGreaterThan(0);

        // the page overlays both runs: the baseline's lines dashed, the lever's solid (lines undefined
        // throughout a run, e.g. a market's efficiency while it never trades, are not drawn)
        String html = SeriesReport.compareHtml(c);
        List<SeriesReport.Chart> base = SeriesReport.charts(c.baseSeries());
        List<SeriesReport.Chart> lever = SeriesReport.charts(c.policySeries());
        assertThat(html).contains("financing-support vs baseline", "dashed: baseline");
        Matcher m = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL).matcher(html);
        int charts = 0;
        while (m.find()) {
            NodeList paths = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.UTF_8))).getElementsByTagName("path");
            int dashed = 0;
            for (int k = 0; k < paths.getLength(); k++) {
                if (((Element) paths.item(k)).hasAttribute("stroke-dasharray")) {
                    dashed++;
                }
            }
            assertThat(dashed).as("chart %d: baseline lines, dashed", charts).isEqualTo(drawable(base.get(charts)));
            assertThat(paths.getLength() - dashed).as("chart %d: lever lines, solid", charts).isEqualTo(drawable(lever.get(charts)));
            charts++;
        }
        assertThat(charts).isEqualTo(lever.size());
    }

    private static long drawable(SeriesReport.Chart chart) {
        return chart.lines().stream().filter(l -> Arrays.stream(l.values()).anyMatch(Double::isFinite)).count();
    }
}
