package io.fleet.rig.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}: a failure prints its stack trace after the one-line reason (see {@link CommandFailures}). */
final class VerboseOption {

    static final String NAME = "--verbose";

    @Option(names = NAME, description = "on failure, also print the stack trace after the one-line reason")
    boolean verbose;
}
