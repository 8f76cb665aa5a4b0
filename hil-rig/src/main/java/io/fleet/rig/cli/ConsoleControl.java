package io.fleet.rig.cli;

import io.fleet.rig.replay.ReplaySession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code p} (pause), {@code r} (resume) and {@code q} (stop) lines from stdin on a daemon thread, so an
 * engineer at the rig can hold the replay while inspecting the DUT. Deadlines shift by the paused time.
 */
final class ConsoleControl {

    private ConsoleControl() {
    }

    static void start(ReplaySession session) {
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    switch (line.trim()) {
                        case "p" -> session.pause();
                        case "r" -> session.resume();
                        case "q" -> {
                            session.stop();
                            return;
                        }
                        default -> { }
                    }
                }
            } catch (IOException e) {
                // stdin closed: nothing to control
            }
        }, "console-control");
        thread.setDaemon(true);
        thread.start();
    }
}
