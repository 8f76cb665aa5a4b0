package io.fleet.cloud.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The drive-log bucket's S3 client against a loopback server that closes connections without an answer, as the
 * connections the JVM-wide {@code HttpURLConnection} keep-alive cache still holds after S3Proxy restarted on the same
 * port: "Unexpected end of file from server". The client sends the request again on a new connection.
 */
class StaleConnectionRetryTest {

    @Test
    void aPutWhoseConnectionsAreClosedUnansweredIsSentAgainUntilAServerAnswers() throws Exception {
        int closedUnanswered = 5; // as many as the keep-alive cache holds per host (http.maxConnections)
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> serve(server, closedUnanswered, connections), "stale-s3");
            serving.setDaemon(true);
            serving.start();
            try (S3Client s3 = DriveLogBucket.client(URI.create("http://127.0.0.1:" + server.getLocalPort()),
                    "us-east-1", StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))) {
                s3.putObject(p -> p.bucket("drive-logs").key("raw/car-1/a.log"), RequestBody.fromString("x"));
            }
        }
        assertThat(connections.get()).isEqualTo(closedUnanswered + 1);
    }

    /**
     * Reads each request's head; closes the first {@code unanswered} connections at once (the client reads the end of
     * the stream, as from a stale connection, whether it waits for "100 Continue" or for the answer), answers 200
     * after that.
     */
    private static void serve(ServerSocket server, int unanswered, AtomicInteger connections) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII));
                long length = 0;
                boolean expectsContinue = false;
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    String header = line.toLowerCase(Locale.ROOT);
                    if (header.startsWith("content-length:")) {
                        length = Long.parseLong(line.substring(15).trim());
                    }
                    expectsContinue |= header.startsWith("expect:");
                }
                if (connections.incrementAndGet() <= unanswered) {
                    continue; // closed without an answer
                }
                OutputStream out = socket.getOutputStream();
                if (expectsContinue) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                in.skip(length);
                out.write("HTTP/1.1 200 OK\r\nETag: \"0\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                return;
            }
        }
    }
}
