/**
 * The pure domain code the other modules share. Every package is API except {@code io.fleet.model.log.internal}, the
 * readers' helpers, which is not exported: only this module's readers may use it.
 */
module io.fleet.model {
    requires transitive com.fasterxml.jackson.databind;

    exports io.fleet.model;
    exports io.fleet.model.bus;
    exports io.fleet.model.can.cannelloni;
    exports io.fleet.model.can.dbc;
    exports io.fleet.model.log;
    exports io.fleet.model.log.asc;
    exports io.fleet.model.log.blf;
    exports io.fleet.model.log.candump;
    exports io.fleet.model.log.mdf;
    exports io.fleet.model.log.pcap;
    exports io.fleet.model.shadow;
    exports io.fleet.model.vehicle;
}
