package io.fleet.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.can.dbc.DbcMessage;
import io.fleet.model.can.dbc.DbcParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalParquetWriterTest {

    private static final String DBC = """
            VERSION ""

            BU_:

            BO_ 7 speed: 4 Vector__XXX
             SG_ Speed : 0|16@1+ (0.01,0) [0|655.35] "m/s" Vector__XXX
             SG_ Heading : 16|16@1+ (0.01,0) [0|360] "deg" Vector__XXX
            """;

    /** 2022-01-06T11:46:01.949700123Z */
    private static final long NANOS = 1_641_469_561_949_700_123L;

    @Test
    void aRestartedReadKeepsOnlyTheRowsOfTheSecondReadAndSkipsSignalsTheFrameDoesNotCarry(@TempDir Path dir)
            throws Exception {
        DbcMessage message = DbcParser.parse("test.dbc", DBC).messages().get(0);
        Path parquet = dir.resolve("out.parquet");
        try (SignalParquetWriter writer = new SignalParquetWriter(dir)) {
            writer.frame(NANOS, message, new double[] {1.0, 2.0});
            writer.restart(); // the strict read failed; the lenient one starts over
            writer.frame(NANOS + 1_000_000, message, new double[] {3.5, Double.NaN});
            writer.frame(NANOS, message, new double[] {4.25, 90.0});
            assertThat(writer.rows()).isEqualTo(3);
            assertThat(writer.firstNanos()).isEqualTo(NANOS);
            writer.writeParquet(parquet);
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("the staging database is deleted").containsExactly(parquet);
        }

        List<String> rows = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            try (ResultSet r = s.executeQuery("SELECT strftime(time, '%Y-%m-%dT%H:%M:%S.%fZ'), message, signal, "
                    + "value, unit FROM read_parquet('" + parquet + "')")) {
                while (r.next()) {
                    rows.add(r.getString(1) + " " + r.getString(2) + "." + r.getString(3) + "=" + r.getDouble(4)
                            + " " + r.getString(5));
                }
            }
        }
        // time order, truncated to the microsecond
        assertThat(rows).containsExactly(
                "2022-01-06T11:46:01.949700Z speed.Heading=90.0 deg",
                "2022-01-06T11:46:01.949700Z speed.Speed=4.25 m/s",
                "2022-01-06T11:46:01.950700Z speed.Speed=3.5 m/s");
    }
}
