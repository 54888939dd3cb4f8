package org.ngai.model.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SeriesReportTest {
    private static final Pattern SVG = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL);

    @Test
    void aRunsReportHasOneWellFormedChartPerMechanismWithALinePerIndicator(@TempDir Path dir) throws Exception {
        Scenario s = Scenario.builder().name("report").firms(300).ticks(12).build();
        List<TickIndicators> series = new ReferenceEngine().run(s).series();
        List<Path> files = SeriesExport.write(s, series, dir);
        assertThat(files).contains(dir.resolve("report.html"));
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<h1>report</h1>", "300 firms", "12 quarters (2020Q1 – 2022Q4)");

        List<SeriesReport.Chart> charts = SeriesReport.charts(series);
        List<Document> svgs = new ArrayList<>();
        Matcher m = SVG.matcher(html);
        while (m.find()) {
            svgs.add(DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.UTF_8))));
        }
        assertThat(svgs).hasSize(charts.size());
        for (int c = 0; c < charts.size(); c++) {
            SeriesReport.Chart chart = charts.get(c);
            assertThat(html).contains(chart.title(), chart.expect());
            NodeList paths = svgs.get(c).getElementsByTagName("path");
            long drawable = chart.lines().stream().filter(l -> java.util.Arrays.stream(l.values()).anyMatch(Double::isFinite)).count();
            assertThat(paths.getLength()).as(chart.title()).isEqualTo((int) drawable);
        }
        // the adoption chart draws the four stage shares
        assertThat(charts.get(0).lines()).extracting(SeriesReport.Line::label).containsExactly(Indicator.STAGE_MANUAL.key,
                Indicator.STAGE_DIGITALISED.key, Indicator.STAGE_NETWORKED.key, Indicator.STAGE_INTELLIGENT.key);
        assertThat(charts.get(0).lines().get(3).values()[11]).isEqualTo(series.get(11).get(Indicator.STAGE_INTELLIGENT));
    }

    @Test
    void higherValuesAreDrawnHigherAndAMissingValueBreaksTheLine() throws Exception {
        List<TickIndicators> ticks = new ArrayList<>();
        for (int t = 1; t <= 5; t++) {
            ticks.add(TickIndicators.empty(t));
        }
        SeriesReport.Chart chart = new SeriesReport.Chart("t", "B5", "rises", "unit",
                List.of(new SeriesReport.Line("rising", new double[]{0.1, 0.2, Double.NaN, 0.4, 0.5})), true);
        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(SeriesReport.svg(chart, ticks).getBytes(StandardCharsets.UTF_8)));
        String d = ((Element) svg.getElementsByTagName("path").item(0)).getAttribute("d");
        // two segments: ticks 1-2 and 4-5
        assertThat(d.chars().filter(ch -> ch == 'M').count()).isEqualTo(2);
        String[] nums = d.replaceAll("[ML]", " ").trim().split("\\s+");
        assertThat(nums).hasSize(8);
        double firstY = Double.parseDouble(nums[1]);
        double lastY = Double.parseDouble(nums[7]);
        double firstX = Double.parseDouble(nums[0]);
        double lastX = Double.parseDouble(nums[6]);
        assertThat(lastY).as("SVG y grows downwards: the larger value is drawn higher").isLessThan(firstY);
        assertThat(lastX).isGreaterThan(firstX);
    }

    @Test
    void axisTicksAreRoundAndCoverTheData() {
        double[] t = SeriesReport.niceTicks(0.013, 0.871, 5);
        assertThat(t[0]).isLessThanOrEqualTo(0.013);
        assertThat(t[t.length - 1]).isGreaterThanOrEqualTo(0.871);
        double step = t[1] - t[0];
        assertThat(step).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(SeriesReport.niceTicks(-0.03, 0.02, 5)).contains(0.0);
        // a flat series still gets an axis
        assertThat(SeriesReport.niceTicks(1.0, 1.0, 5).length).isGreaterThan(1);
    }
}
