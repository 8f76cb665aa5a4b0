/**
 * Vector BLF binary logs: {@link io.fleet.model.log.blf.BlfReader}. Written here because no maintained Java
 * library reads BLF; the layout is described in the class comments.
 */
package io.fleet.model.log.blf;
