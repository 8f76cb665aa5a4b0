package io.fleet.rig.cli;

import io.fleet.model.log.LogFormatException;
import io.fleet.model.log.ReadStats;
import io.fleet.model.log.Truncation;
import io.fleet.rig.failure.IoFailure;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * How every rig command ends when something fails: one line on stderr, {@code <command>: <what failed and why>}, and
 * an exit code; the stack trace only with {@code --verbose}. Exit codes, as picocli's: 1 an input or output failed
 * (missing, unreadable or malformed file, S3 error, port in use), 2 bad usage (options, output URIs, formats),
 * 3 a replay dropped frames, 4 a replay failed its {@code --expect} criteria.
 */
final class CommandFailures implements IExecutionExceptionHandler {

    static final int IO_FAILED = 1;
    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
        return report(commandLine.getCommandSpec().qualifiedName(), e, verbose(parsed), commandLine.getErr());
    }

    /** Prints the failure as {@code command: reason} (and its stack trace when verbose); returns the exit code. */
    static int report(String command, Throwable failure, boolean verbose, PrintWriter err) {
        err.println(command + ": " + oneLine(failure));
        if (verbose) {
            failure.printStackTrace(err);
        }
        err.flush();
        return failure instanceof IllegalArgumentException ? USAGE : IO_FAILED;
    }

    /** The failure in one line: ours and the readers' messages name the file or URL; anything else says it is a bug. */
    static String oneLine(Throwable failure) {
        String line;
        if (failure instanceof IoFailure || failure instanceof LogFormatException
                || failure instanceof IllegalArgumentException) {
            line = failure.getMessage();
        } else if (failure instanceof IOException) {
            line = IoFailure.reason(failure);
        } else {
            line = "internal error: " + failure + (failure.getStackTrace().length > 0
                    ? " at " + failure.getStackTrace()[0] : "") + " (--verbose prints the stack trace)";
        }
        return line.replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * What a lenient read skipped, on stderr: the malformed records, and where the file was cut short. Says nothing
     * when the log was read whole.
     */
    static void warnAboutSkipped(String command, String source, ReadStats stats, PrintWriter err) {
        Truncation cut = stats.truncation().orElse(null);
        long malformed = stats.rejected() - (cut == null ? 0 : 1);
        if (malformed > 0) {
            err.println(command + ": warning: " + source + ": " + malformed + " malformed record"
                    + (malformed == 1 ? "" : "s") + " skipped");
        }
        if (cut != null) {
            err.println(command + ": warning: " + source + " is truncated at byte " + cut.byteOffset() + ": "
                    + cut.describe() + "; read the " + stats.records() + (stats.records() == 1 ? " record" : " records")
                    + " before it");
        }
        err.flush();
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(VerboseOption.NAME)) {
                return true;
            }
        }
        return false;
    }
}
