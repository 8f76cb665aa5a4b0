package io.fleet.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.model.can.dbc.DbcMessage;
import io.fleet.model.can.dbc.DbcParser;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
        try (StagingDatabase staging = new StagingDatabase(dir.resolve("spill"))) {
            try (SignalParquetWriter writer = new SignalParquetWriter(staging)) {
                writer.frame(NANOS, message, new double[] {1.0, 2.0});
                writer.restart(); // the strict read failed; the lenient one starts over
                writer.frame(NANOS + 1_000_000, message, new double[] {3.5, Double.NaN});
                writer.frame(NANOS, message, new double[] {4.25, 90.0});
                assertThat(writer.rows()).isEqualTo(3);
                assertThat(writer.firstNanos()).isEqualTo(NANOS);
                writer.writeParquet(parquet);
            }
            assertThat(tables(staging)).as("the writer's staging tables are dropped").isZero();
        }
        assertThat(readBack(parquet)).containsExactly(
                "2022-01-06T11:46:01.949700Z speed.Heading=90.0 deg",
                "2022-01-06T11:46:01.949700Z speed.Speed=4.25 m/s",
                "2022-01-06T11:46:01.950700Z speed.Speed=3.5 m/s"); // time order, truncated to the microsecond
    }

    @Test
    void twoWritersOnOneStagingDatabaseKeepTheirRowsApart(@TempDir Path dir) throws Exception {
        DbcMessage message = DbcParser.parse("test.dbc", DBC).messages().get(0);
        Path first = dir.resolve("first.parquet");
        Path second = dir.resolve("second.parquet");
        try (StagingDatabase staging = new StagingDatabase(dir.resolve("spill"));
             SignalParquetWriter one = new SignalParquetWriter(staging);
             SignalParquetWriter two = new SignalParquetWriter(staging)) {
            one.frame(NANOS, message, new double[] {1.0, 2.0});
            two.frame(NANOS, message, new double[] {3.0, Double.NaN});
            one.writeParquet(first);
            two.writeParquet(second);
        }
        assertThat(readBack(first)).containsExactly("2022-01-06T11:46:01.949700Z speed.Heading=2.0 deg",
                "2022-01-06T11:46:01.949700Z speed.Speed=1.0 m/s");
        assertThat(readBack(second)).containsExactly("2022-01-06T11:46:01.949700Z speed.Speed=3.0 m/s");
    }

    private static long tables(StagingDatabase staging) throws Exception {
        StagingDatabase.Lease lease = staging.lease();
        try (Connection duck = lease.connection(); Statement s = duck.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM duckdb_tables()")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static List<String> readBack(Path parquet) throws Exception {
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
        return rows;
    }
}
