/**
 * AWS IoT Device Shadow semantics, re-implemented as pure code: immutable shadow documents and an engine that
 * applies get, update and delete requests the way AWS IoT Core does, without I/O or threads.
 *
 * <p>Start reading at {@link io.fleet.model.shadow.ShadowEngine}. A request flows like this:
 * <ol>
 *     <li>{@link io.fleet.model.shadow.ShadowId} says which shadow a topic or URL names
 *         ({@link io.fleet.model.shadow.ThingName}, optional {@link io.fleet.model.shadow.ShadowName});</li>
 *     <li>{@link io.fleet.model.shadow.ShadowRequestParser} turns payload bytes into an
 *         {@link io.fleet.model.shadow.UpdateRequest} (whose sections are {@link io.fleet.model.shadow.SectionPatch}:
 *         absent, removed with null, or merged) or into a {@link io.fleet.model.shadow.ShadowError};</li>
 *     <li>{@link io.fleet.model.shadow.ShadowEngine} applies it to the {@link io.fleet.model.shadow.StoredShadow}
 *         and returns a {@link io.fleet.model.shadow.ShadowResult}: the new shadow and the documents to publish,
 *         or the error;</li>
 *     <li>{@link io.fleet.model.shadow.ShadowJson} writes every {@link io.fleet.model.shadow.ShadowResponse} as
 *         AWS prints it, and the stored form of a shadow.</li>
 * </ol>
 * The caller (the cloud service) owns storage and publishing. JSON values are held as
 * {@link io.fleet.model.shadow.ImmutableJsonObject}, so nothing mutable escapes, and numbers are read exactly
 * ({@link io.fleet.model.shadow.ExactJson}: no double in between). The merge and delta rules live in
 * the package-private {@code ShadowMerger} and the public {@link io.fleet.model.shadow.ShadowDeltaCalculator};
 * AWS quotas in {@link io.fleet.model.shadow.ShadowLimits}. Each class cites the AWS developer guide page it
 * follows, and says where AWS does not document a behaviour and we chose one.
 */
package io.fleet.model.shadow;
