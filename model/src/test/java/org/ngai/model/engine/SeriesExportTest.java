package org.ngai.model.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.scenario.Scenario;

class SeriesExportTest {

    @Test
    void csvAndJsonCarryEveryTickScopeAndIndicatorWithEmptyCellsForUndefinedValues(@TempDir Path dir) throws IOException {
        Scenario s = Scenario.builder().name("export").firms(300).ticks(5).build();
        RunResult r = new ReferenceEngine().run(s);
        List<Path> files = SeriesExport.write(s, r.series(), dir);
        assertThat(files).allMatch(Files::isRegularFile);
        try (Reader in = Files.newBufferedReader(dir.resolve("national.csv"));
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            List<CSVRecord> rows = p.getRecords();
            assertThat(rows).hasSize(5);
            assertThat(p.getHeaderNames()).contains("tick", "quarter", Indicator.TFP_MEASURED.key, Indicator.COORDINATION.key);
            assertThat(rows.get(0).get("quarter")).isEqualTo("2020Q1");
            assertThat(Double.parseDouble(rows.get(4).get(Indicator.TFP_MEASURED.key)))
                    .isEqualTo(r.series().get(4).get(Indicator.TFP_MEASURED));
            assertThat(rows.get(0).get(Indicator.LOOP_GAIN.key)).isEmpty();
        }
        try (Reader in = Files.newBufferedReader(dir.resolve("regions.csv"));
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            assertThat(p.getRecords()).hasSize(5 * 31);
        }
        JsonNode json = new ObjectMapper().readTree(dir.resolve("series.json").toFile());
        assertThat(json.at("/scenario/name").asText()).isEqualTo("export");
        assertThat(json.at("/series").size()).isEqualTo(5);
        assertThat(json.at("/series/4/national/" + Indicator.TFP_MEASURED.key.replace("/", "~1")).asDouble())
                .isEqualTo(r.series().get(4).get(Indicator.TFP_MEASURED));
        assertThat(json.at("/series/0/regions/BJ").isObject()).isTrue();
        assertThat(json.at("/indicators").size()).isEqualTo(Indicator.COUNT);
    }

    @Test
    void indicatorTableShowsHeadlineIndicatorsForTheRequestedQuarters() {
        RunResult r = new ReferenceEngine().run(Scenario.builder().firms(200).ticks(3).build());
        String table = IndicatorTable.render(r.series(), 1, 3);
        assertThat(table).contains("2020Q1", "2020Q3", Indicator.COORDINATION.key, Indicator.AI_PENETRATION.key);
        // a short run: (1, 17, 41, n) collapses to the distinct quarters that exist
        String header = IndicatorTable.render(r.series(), 1, 3, 3, 17, 41, 3).lines().findFirst().orElseThrow();
        assertThat(header.split("2020Q3", -1)).hasSize(2);
        assertThat(header).contains("2020Q1").doesNotContain("2024Q1");
    }
}
