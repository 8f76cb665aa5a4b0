/** Throughput benchmarks of the drive-log readers, run by hand (not tests); results go to BENCHMARKS.md. */
package io.fleet.model.log.bench;
