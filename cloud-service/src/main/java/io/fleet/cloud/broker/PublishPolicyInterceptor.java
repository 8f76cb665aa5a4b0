package io.fleet.cloud.broker;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link TopicPolicy} to every inbound PUBLISH before anything else sees it, then hands authorized
 * ones to the {@link ShadowRequestInterceptor}.
 *
 * <p>A refused QoS 1/2 PUBLISH of an MQTT 5 client gets PUBACK (PUBREC) reason NOT_AUTHORIZED (0x87) and the
 * connection stays, as AWS IoT Core answers MQTT 5 clients. HiveMQ's authorizer cannot do that: a failed
 * authorization always disconnects, so the refusal is made here, where preventing delivery answers with the reason
 * code and keeps the connection. Every other refused PUBLISH (MQTT 3.1.1, which has no negative PUBACK, and QoS 0,
 * which has no PUBACK at all) is left to {@link TopicPolicyAuthorizer}, which disconnects the client as AWS IoT
 * does for MQTT 3 policy violations, so nothing is dropped silently.
 *
 * <p>Threads: HiveMQ's extension-task threads, one call per inbound PUBLISH; in-memory checks only.
 */
final class PublishPolicyInterceptor implements PublishInboundInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(PublishPolicyInterceptor.class);

    private final TopicPolicy policy;
    private final Map<String, String> commonNames;
    private final ShadowRequestInterceptor shadowRequests;

    /** @param commonNames client id -> certificate CN, filled by the authenticator when the client connected */
    PublishPolicyInterceptor(TopicPolicy policy, Map<String, String> commonNames,
                             ShadowRequestInterceptor shadowRequests) {
        this.policy = policy;
        this.commonNames = commonNames;
        this.shadowRequests = shadowRequests;
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        String clientId = input.getClientInformation().getClientId();
        PublishPacket publish = input.getPublishPacket();
        Optional<String> refusal = policy.publishRefusal(commonNames.getOrDefault(clientId, clientId),
                publish.getTopic(), publish.getRetain());
        if (refusal.isEmpty()) {
            shadowRequests.onInboundPublish(input, output);
            return;
        }
        boolean mqtt5 = input.getConnectionInformation().getMqttVersion() == MqttVersion.V_5;
        if (mqtt5 && publish.getQos() != Qos.AT_MOST_ONCE) {
            // DEBUG: the client keeps its connection and could repeat this as fast as it likes.
            LOG.debug("refused PUBLISH of client '{}' to '{}' with NOT_AUTHORIZED: {}", clientId, publish.getTopic(),
                    refusal.get());
            output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED,
                    "not authorized to publish to " + publish.getTopic() + ": " + refusal.get());
        }
    }
}
