package io.fleet.model.shadow;

import io.fleet.model.Checks;
import java.util.Optional;

/**
 * Everything an accepted update produces. The caller stores {@link #shadow()} (with a compare-and-set on the
 * previous version, since two service instances may race) and only then publishes, in this order:
 * {@link #accepted()} on {@code /update/accepted}, {@link #delta()} on {@code /update/delta} if present, and
 * {@link #documents()} on {@code /update/documents}.
 */
public record UpdateResult(StoredShadow shadow, UpdateAccepted accepted, Optional<DeltaDocument> delta,
                           UpdateDocuments documents) {

    public UpdateResult {
        Checks.notNull(shadow, "shadow");
        Checks.notNull(accepted, "accepted");
        Checks.notNull(delta, "delta");
        Checks.notNull(documents, "documents");
    }
}
