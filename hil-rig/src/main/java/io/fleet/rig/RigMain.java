package io.fleet.rig;

import io.fleet.model.SuppressForbidden;
import io.fleet.rig.cli.RigCommands;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/** Entry point of hil-rig: {@code replay}, {@code info}, {@code convert}, {@code cache plan}, {@code bench}. */
public final class RigMain {

    private RigMain() {
    }

    @SuppressForbidden(reason = "the program's entry point hands the console to its commands")
    public static void main(String[] args) {
        Charset console = Charset.defaultCharset();
        System.exit(RigCommands.execute(args, new PrintWriter(new OutputStreamWriter(System.out, console), true),
                new PrintWriter(new OutputStreamWriter(System.err, console), true)));
    }
}
