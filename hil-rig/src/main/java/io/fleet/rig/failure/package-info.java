/**
 * How a rig command says that an input or output failed: one line naming the file, URL or output and the reason
 * ({@link io.fleet.rig.failure.IoFailure}); the command line turns it into its message and exit code.
 */
package io.fleet.rig.failure;
