package io.fleet.cloud.broker;

import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link TopicPolicy} to every PUBLISH (will messages included) and every topic filter of a SUBSCRIBE.
 * The client id is the certificate CN, which {@link CertificateAuthenticator} enforced at CONNECT.
 *
 * <p>An unauthorized SUBSCRIBE gets SUBACK reason NOT_AUTHORIZED (0x87) for that filter, as AWS IoT does. An
 * unauthorized PUBLISH that reaches this class (MQTT 3 clients, QoS 0, will messages: {@link PublishPolicyInterceptor}
 * answers MQTT 5 QoS 1/2 publishes itself) disconnects the client with DISCONNECT reason NOT_AUTHORIZED, following
 * AWS IoT, which closes an MQTT 3 connection on a policy violation; QoS 0 is treated the same way, so a misbehaving
 * device cannot publish silently into the void.
 *
 * <p>Runs on HiveMQ's extension executor threads; pure in-memory checks, never blocks.
 */
final class TopicPolicyAuthorizer implements PublishAuthorizer, SubscriptionAuthorizer {

    private static final Logger LOG = LoggerFactory.getLogger(TopicPolicyAuthorizer.class);

    private final TopicPolicy policy;
    private final Map<String, String> commonNames;

    /** @param commonNames client id -> certificate CN, filled by the authenticator when the client connected */
    TopicPolicyAuthorizer(TopicPolicy policy, Map<String, String> commonNames) {
        this.policy = policy;
        this.commonNames = commonNames;
    }

    /** Rights follow the certificate, not the client id (a service instance's id carries a suffix). */
    private String identity(String clientId) {
        return commonNames.getOrDefault(clientId, clientId);
    }

    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
        String clientId = input.getClientInformation().getClientId();
        String topic = input.getPublishPacket().getTopic();
        if (policy.mayPublish(identity(clientId), topic, input.getPublishPacket().getRetain())) {
            output.authorizeSuccessfully();
        } else {
            LOG.info("disconnecting client '{}': not authorized to publish to '{}'", clientId, topic);
            output.disconnectClient(DisconnectReasonCode.NOT_AUTHORIZED, "not authorized to publish to " + topic);
        }
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        String clientId = input.getClientInformation().getClientId();
        String filter = input.getSubscription().getTopicFilter();
        if (policy.maySubscribe(identity(clientId), filter)) {
            output.authorizeSuccessfully();
        } else {
            LOG.info("client '{}' not authorized to subscribe to '{}'", clientId, filter);
            output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not authorized to subscribe to " + filter);
        }
    }
}
