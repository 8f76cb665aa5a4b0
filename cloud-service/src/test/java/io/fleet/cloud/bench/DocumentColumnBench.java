package io.fleet.cloud.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * What PostgreSQL's column type costs the shadow table: batched updates of one document (as the commit lanes write
 * them: 100 rows per batch and commit, one connection) into a JSONB column and into a TEXT column, alternating, for
 * documents of three sizes. A benchmark, not a test: {@code scripts/bench-shadow.sh column}.
 */
public final class DocumentColumnBench {

    private static final int ROWS = 1000;
    private static final int BATCH = 100;
    private static final int BATCHES = 200;

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             Connection c = pg.getPostgresDatabase().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE as_jsonb (id TEXT PRIMARY KEY, version BIGINT, document JSONB)");
                s.execute("CREATE TABLE as_text (id TEXT PRIMARY KEY, version BIGINT, document TEXT)");
            }
            c.setAutoCommit(false);
            System.out.printf("%s, %d cores, %d updates per run over %d rows%n", Instant.now(),
                    Runtime.getRuntime().availableProcessors(), BATCH * BATCHES, ROWS);
            System.out.println("| document bytes | column | updates/s (run 1) | updates/s (run 2) |");
            System.out.println("|---|---|---|---|");
            for (int leaves : new int[] {3, 12, 30}) {
                String document = vehicleLikeDocument(leaves);
                for (String table : new String[] {"as_jsonb", "as_text"}) {
                    String value = table.equals("as_jsonb") ? "?::jsonb" : "?";
                    fill(c, table, value, document);
                    double first = updatesPerSecond(c, table, value, document);
                    double second = updatesPerSecond(c, table, value, document);
                    System.out.printf("| %d | %s | %.0f | %.0f |%n", document.length(),
                            table.equals("as_jsonb") ? "JSONB" : "TEXT", first, second);
                }
            }
        }
    }

    /** A reported state of {@code leaves} attributes with their metadata, as a shadow row stores it. */
    private static String vehicleLikeDocument(int leaves) {
        StringBuilder state = new StringBuilder();
        StringBuilder metadata = new StringBuilder();
        for (int i = 0; i < leaves; i++) {
            String sep = i == 0 ? "" : ",";
            state.append(sep).append("\"attribute").append(i).append("\":{\"value\":").append(i)
                    .append(",\"text\":\"value-").append(i).append("\"}");
            metadata.append(sep).append("\"attribute").append(i)
                    .append("\":{\"value\":{\"timestamp\":1795700000},\"text\":{\"timestamp\":1795700000}}");
        }
        return "{\"state\":{\"reported\":{" + state + "}},\"metadata\":{\"reported\":{" + metadata + "}}}";
    }

    private static void fill(Connection c, String table, String value, String document) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, 0, " + value
                + ") ON CONFLICT (id) DO UPDATE SET document = excluded.document")) {
            for (int i = 0; i < ROWS; i++) {
                ps.setString(1, "thing-" + i);
                ps.setString(2, document);
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        }
    }

    private static double updatesPerSecond(Connection c, String table, String value, String document)
            throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET version = version + 1, document = "
                + value + " WHERE id = ?")) {
            for (int b = 0; b < BATCHES; b++) {
                for (int i = 0; i < BATCH; i++) {
                    ps.setString(1, document);
                    ps.setString(2, "thing-" + (b * BATCH + i) % ROWS);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            }
        }
        return BATCH * BATCHES / ((System.nanoTime() - start) / 1e9);
    }
}
