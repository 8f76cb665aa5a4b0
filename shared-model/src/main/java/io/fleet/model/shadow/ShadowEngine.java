package io.fleet.model.shadow;

import io.fleet.model.Checks;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Device Shadow service's rules as pure functions: given the stored shadow (if any), a request and the
 * time, it returns the new shadow and the documents to publish, or the error to reject with. It does no I/O and
 * keeps no state, so any thread and any service instance may call it; the caller persists the result (with a
 * compare-and-set on the version it read) and publishes the documents.
 * (https://docs.aws.amazon.com/iot/latest/developerguide/device-shadow-data-flow.html)
 */
public final class ShadowEngine {

    /**
     * Applies an update. A missing shadow is created with version 1; a version in the request must equal the
     * stored one (0 when there is none) or the update is rejected with 409. A rejected update changes nothing.
     * A delta document is produced when the request changed {@code desired} and desired still differs from
     * reported afterwards; it holds the whole delta, not just the keys of this request.
     */
    public ShadowResult<UpdateResult> update(Optional<StoredShadow> current, UpdateRequest request,
                                             long nowEpochSeconds) {
        return update(current, 0, request, nowEpochSeconds);
    }

    /**
     * Like {@link #update(Optional, UpdateRequest, long)}, for a shadow that was deleted at version
     * {@code deletedVersion} less than 48 hours ago: AWS IoT continues that numbering ("the version number of the new
     * device shadow document will follow that of the deleted one", device-shadow-data-flow), so a new shadow gets
     * {@code deletedVersion + 1} and a request's version is compared with {@code deletedVersion}. Ignored while
     * {@code current} holds a shadow.
     */
    public ShadowResult<UpdateResult> update(Optional<StoredShadow> current, long deletedVersion,
                                             UpdateRequest request, long nowEpochSeconds) {
        Checks.notNull(current, "current");
        Checks.nonNegative(deletedVersion, "deletedVersion");
        Checks.notNull(request, "request");
        long now = Checks.nonNegative(nowEpochSeconds, "now");
        Optional<ClientToken> token = request.clientToken();

        Optional<ShadowError> invalid = ShadowLimits.checkRequest(request, now);
        if (invalid.isPresent()) {
            return ShadowResult.rejected(invalid.get());
        }
        long currentVersion = current.map(StoredShadow::version).orElse(deletedVersion);
        if (request.version().isPresent() && request.version().getAsLong() != currentVersion) {
            return ShadowResult.rejected(ShadowError.of(ShadowErrorType.VERSION_CONFLICT, now, token));
        }

        StoredShadow before = current.orElse(
                new StoredShadow(ImmutableJsonObject.empty(), ImmutableJsonObject.empty(),
                        ImmutableJsonObject.empty(), ImmutableJsonObject.empty(), 0, now));
        ShadowMerger.MergedSection desired =
                ShadowMerger.apply(before.desired(), before.desiredMetadata(), request.desired(), now);
        ShadowMerger.MergedSection reported =
                ShadowMerger.apply(before.reported(), before.reportedMetadata(), request.reported(), now);
        Optional<ShadowError> tooLarge = ShadowLimits.checkMerged(desired.state(), reported.state(), now, token);
        if (tooLarge.isPresent()) {
            return ShadowResult.rejected(tooLarge.get());
        }

        long version = currentVersion + 1;
        StoredShadow after = new StoredShadow(desired.state(), reported.state(), desired.metadata(),
                reported.metadata(), version, now);
        UpdateAccepted accepted = new UpdateAccepted(request.desired(), request.reported(),
                ShadowMerger.metadataOfSentLeaves(request.desired(), now),
                ShadowMerger.metadataOfSentLeaves(request.reported(), now), version, now, token);
        UpdateDocuments documents = new UpdateDocuments(current, after, now, token);
        return ShadowResult.accepted(new UpdateResult(after, accepted, deltaAfter(request, after, token), documents));
    }

    /** The {@code /get/accepted} document, or 404 when there is no shadow. */
    public ShadowResult<GetAccepted> get(ShadowId id, Optional<StoredShadow> current,
                                         Optional<ClientToken> clientToken, long nowEpochSeconds) {
        Checks.notNull(id, "id");
        Checks.notNull(current, "current");
        Checks.notNull(clientToken, "clientToken");
        long now = Checks.nonNegative(nowEpochSeconds, "now");
        if (current.isEmpty()) {
            return ShadowResult.rejected(ShadowError.noShadow(id, now, clientToken));
        }
        StoredShadow shadow = current.get();
        return ShadowResult.accepted(new GetAccepted(shadow, shadow.delta(), now, clientToken));
    }

    /**
     * The {@code /delete/accepted} document, or 404 when there is no shadow, or 409 when a version is given and
     * differs. On acceptance the caller removes the stored shadow but keeps its version for 48 hours, to pass to
     * {@link #update(Optional, long, UpdateRequest, long)} when the shadow is created again.
     */
    public ShadowResult<DeleteAccepted> delete(ShadowId id, Optional<StoredShadow> current, OptionalLong version,
                                               Optional<ClientToken> clientToken, long nowEpochSeconds) {
        Checks.notNull(id, "id");
        Checks.notNull(current, "current");
        Checks.notNull(version, "version");
        Checks.notNull(clientToken, "clientToken");
        long now = Checks.nonNegative(nowEpochSeconds, "now");
        if (current.isEmpty()) {
            return ShadowResult.rejected(ShadowError.noShadow(id, now, clientToken));
        }
        long stored = current.get().version();
        if (version.isPresent() && version.getAsLong() != stored) {
            return ShadowResult.rejected(ShadowError.of(ShadowErrorType.VERSION_CONFLICT, now, clientToken));
        }
        return ShadowResult.accepted(new DeleteAccepted(stored, now, clientToken));
    }

    private static Optional<DeltaDocument> deltaAfter(UpdateRequest request, StoredShadow after,
                                                      Optional<ClientToken> token) {
        if (!(request.desired() instanceof SectionPatch.Merge)) {
            return Optional.empty();
        }
        ImmutableJsonObject delta = after.delta();
        if (delta.isEmpty()) {
            return Optional.empty();
        }
        ImmutableJsonObject metadata = ShadowDeltaCalculator.metadataOf(delta, after.desiredMetadata());
        return Optional.of(new DeltaDocument(delta, metadata, after.version(), after.timestamp(), token));
    }
}
