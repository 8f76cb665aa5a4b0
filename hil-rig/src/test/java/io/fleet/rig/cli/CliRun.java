package io.fleet.rig.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the hil-rig command line in-process, as {@code hil-rig} runs it, and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RigCommands.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
