package io.fleet.model.shadow;

/**
 * A document the shadow service sends: on an MQTT response topic or as an HTTP body.
 * {@link ShadowJson#tree(ShadowResponse)} writes each one in AWS's field order.
 */
public sealed interface ShadowResponse
        permits UpdateAccepted, DeltaDocument, UpdateDocuments, GetAccepted, DeleteAccepted, ShadowError {
}
