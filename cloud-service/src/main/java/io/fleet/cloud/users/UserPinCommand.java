package io.fleet.cloud.users;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./fleet user pin alice}: sets the voice PIN that unlocking and opening by Alexa need. The PIN is typed twice
 * on the terminal without echo, or read as one line from stdin with {@code --pin-stdin} (never an argument, which
 * would land in the shell history and the process list). It asks the running service
 * ({@code PUT /api/users/<name>/pin}) as its admin, or as the user themself with {@code --as}.
 */
@Command(name = "pin", mixinStandardHelpOptions = true,
        description = {"Set a user's voice PIN (4 digits) for unlocking and opening by Alexa.",
            "Example: user pin alice   (asks for the PIN twice, not echoed)"})
final class UserPinCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "the user whose voice PIN to set")
    private String name;

    @Option(names = "--pin-stdin", description = "read the PIN as one line from stdin instead of the terminal")
    private boolean pinStdin;

    @Option(names = "--as", description = "act with <data-dir>/users/<as>.token instead of the admin's (an owner may "
            + "set their own PIN)")
    private String actingUser = "admin";

    @Mixin
    private AdminApi service;

    /** Where {@code --pin-stdin} reads; tests replace it. */
    InputStream stdin = System.in;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> pin = readPin(err);
        if (pin.isEmpty()) {
            return 2;
        }
        if (!PinHash.isWellFormed(pin.get())) {
            err.println("user pin: the PIN must be exactly 4 digits (0-9); nothing was changed");
            return 2;
        }
        String body = "{\"pin\":\"" + pin.get() + "\"}";
        AdminApi.Answer answer = service.callAs(actingUser, "PUT", "/api/users/" + AdminApi.segment(name) + "/pin",
                body, 204, err);
        if (!answer.ok()) {
            return answer.exitCode();
        }
        err.println("voice PIN of " + name + " set; voice unlock and open now ask for it");
        return 0;
    }

    private Optional<String> readPin(PrintWriter err) throws IOException {
        if (pinStdin) {
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                err.println("user pin: --pin-stdin: stdin ended before a PIN line");
                return Optional.empty();
            }
            return Optional.of(line.trim());
        }
        Console console = System.console();
        if (console == null) {
            err.println("user pin: no terminal to read the PIN from without echo; pipe it in with --pin-stdin");
            return Optional.empty();
        }
        char[] first = console.readPassword("New voice PIN for %s (4 digits): ", name);
        char[] second = console.readPassword("Again: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            err.println("user pin: the two PINs differ; nothing was changed");
            return Optional.empty();
        }
        return Optional.of(new String(first).trim());
    }
}
