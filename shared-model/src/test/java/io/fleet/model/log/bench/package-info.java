/** Hand-run benchmarks of the log readers; see {@link io.fleet.model.log.bench.LogParseBench}. */
package io.fleet.model.log.bench;
