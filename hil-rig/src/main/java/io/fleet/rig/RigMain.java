package io.fleet.rig;

import io.fleet.rig.cli.RigCommands;
import java.io.PrintWriter;

/** Entry point of hil-rig: {@code replay}, {@code info}, {@code convert}, {@code cache plan}, {@code bench}. */
public final class RigMain {

    private RigMain() {
    }

    public static void main(String[] args) {
        System.exit(RigCommands.execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }
}
