/**
 * can-utils {@code candump -l} logs: {@link io.fleet.model.log.candump.CandumpReader} and
 * {@link io.fleet.model.log.candump.CandumpWriter}. Written here because no maintained Java library reads them.
 */
package io.fleet.model.log.candump;
