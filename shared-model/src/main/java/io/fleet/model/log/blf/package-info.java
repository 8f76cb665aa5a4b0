/**
 * Vector BLF binary logs: {@link io.fleet.model.log.blf.BlfReader} and {@link io.fleet.model.log.blf.BlfWriter}.
 * Written here because no maintained Java library reads or writes BLF; the layout is described in the class
 * comments.
 */
package io.fleet.model.log.blf;
