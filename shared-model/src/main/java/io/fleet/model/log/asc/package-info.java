/**
 * Vector ASC text logs: {@link io.fleet.model.log.asc.AscReader} and {@link io.fleet.model.log.asc.AscWriter}.
 * Written here because no maintained Java library reads them; the layout follows Vector's published ASC format
 * description and the files CANoe writes.
 */
package io.fleet.model.log.asc;
