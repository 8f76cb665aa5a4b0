package io.fleet.cloud.alexa;

import com.amazon.ask.model.RequestEnvelope;
import com.amazon.ask.servlet.verifiers.AlexaHttpRequest;

/** One HTTP request as the ASK verifiers see it, without a servlet. */
record SignedRequest(byte[] body, RequestEnvelope envelope, String signature, String certificateChainUrl)
        implements AlexaHttpRequest {

    static final String SIGNATURE_HEADER = "Signature-256";
    static final String CERTIFICATE_CHAIN_URL_HEADER = "SignatureCertChainUrl";

    @Override
    public String getBaseEncoded64Signature() {
        return signature;
    }

    @Override
    public String getSigningCertificateChainUrl() {
        return certificateChainUrl;
    }

    @Override
    public byte[] getSerializedRequestEnvelope() {
        return body;
    }

    @Override
    public RequestEnvelope getDeserializedRequestEnvelope() {
        return envelope;
    }
}
