package io.fleet.cloud.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 request to the service on 127.0.0.1 from a chosen loopback source address (127.0.0.2, 127.0.0.3,
 * ...: all of 127/8 is loopback on Linux), so tests can be several clients, as the JDK's HttpClient cannot bind.
 */
final class FromAddress {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Header names are lower case. */
    record Reply(int status, Map<String, String> headers, JsonNode body) {
    }

    private final String source;

    FromAddress(String source) {
        this.source = source;
    }

    Reply get(int port, String path, String bearerToken) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
                    + (bearerToken == null ? "" : "Authorization: Bearer " + bearerToken + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String[] head = response.substring(0, end).split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        head[i].substring(colon + 1).trim());
            }
            String body = response.substring(end + 4);
            return new Reply(Integer.parseInt(head[0].split(" ")[1]), headers,
                    body.isEmpty() ? JSON.nullNode() : JSON.readTree(body));
        }
    }
}
