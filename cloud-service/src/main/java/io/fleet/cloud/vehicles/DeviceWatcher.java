package io.fleet.cloud.vehicles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Hears what the broker says about every device (vehicles and rigs alike), after the vehicles feature has stored
 * it: e.g. the campaign dispatcher, which leases runs to rigs that come online or turn healthy.
 *
 * <p>Threads: called on the single vehicle-events thread; must not block.
 */
public interface DeviceWatcher {

    /** {@code thing} connected to the broker; its presence is recorded. */
    void connected(String thing);

    /** An {@code /update/documents} message of {@code thing}'s classic shadow (its previous and current). */
    void shadowDocuments(String thing, JsonNode documents);
}
