package io.fleet.cloud.broker;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts a CONNECT only when the client id equals the CN of the client certificate (thing name = client id, as
 * AWS IoT policies with {@code iot:Connection.Thing.ThingName} expect) and the CN is a service or a valid thing
 * name. The TLS listener has already verified the certificate chain against our CA and its validity period.
 *
 * <p>Runs on HiveMQ's extension executor threads; it only inspects in-memory data and never blocks.
 */
final class CertificateAuthenticator implements SimpleAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateAuthenticator.class);

    private final TopicPolicy policy;
    private final Map<String, String> commonNames;

    /**
     * @param commonNames filled here with client id -> certificate CN of each accepted client, for the authorizer
     */
    CertificateAuthenticator(TopicPolicy policy, Map<String, String> commonNames) {
        this.policy = policy;
        this.commonNames = commonNames;
    }

    /**
     * A device's client id is its CN. A service may also add {@code -<instance>} to its CN, so that several
     * instances of the cloud service can hold one certificate and still have distinct MQTT sessions.
     */
    static boolean clientIdMatches(TopicPolicy policy, String clientId, String commonName) {
        return clientId.equals(commonName)
                || policy.isService(commonName) && clientId.startsWith(commonName + "-")
                && clientId.length() > commonName.length() + 1;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        String clientId = input.getClientInformation().getClientId();
        Optional<X509Certificate> certificate = input.getConnectionInformation().getClientTlsInformation()
                .flatMap(ClientTlsInformation::getClientCertificate);
        if (certificate.isEmpty()) {
            refuse(output, clientId, "a client certificate is required");
            return;
        }
        Optional<String> commonName = PemTls.commonName(certificate.get());
        if (commonName.isEmpty()) {
            refuse(output, clientId, "the client certificate has no single CN");
        } else if (!clientIdMatches(policy, clientId, commonName.get())) {
            refuse(output, clientId, "client id must equal the certificate CN '" + commonName.get() + "'");
        } else if (!policy.mayConnect(commonName.get())) {
            refuse(output, clientId, "the certificate CN is neither a service nor a valid thing name");
        } else {
            LOG.debug("client {} authenticated ({})", clientId,
                    policy.isService(commonName.get()) ? "service" : "device");
            commonNames.put(clientId, commonName.get());
            output.authenticateSuccessfully();
        }
    }

    private static void refuse(SimpleAuthOutput output, String clientId, String reason) {
        LOG.info("refused connection of client '{}': {}", clientId, reason);
        output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, reason);
    }
}
