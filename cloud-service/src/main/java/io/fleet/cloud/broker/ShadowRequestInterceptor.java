package io.fleet.cloud.broker;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.fleet.model.shadow.ShadowTopicName;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Diverts shadow requests to {@link InBrokerShadowRequests} when a handler is attached. HiveMQ runs publish
 * interceptors before its authorizers and skips authorization for a publish whose delivery is prevented, so this
 * class applies the {@link TopicPolicy} itself: a request the client may not send is left alone, and the authorizer
 * then disconnects the client exactly as without this interceptor.
 *
 * <p>Threads: HiveMQ's extension-task threads, one call per inbound PUBLISH.
 */
final class ShadowRequestInterceptor implements PublishInboundInterceptor {

    private static final String THINGS = "$aws/things/";

    private final InBrokerShadowRequests requests;
    private final TopicPolicy policy;
    private final Map<String, String> commonNames;

    ShadowRequestInterceptor(InBrokerShadowRequests requests, TopicPolicy policy, Map<String, String> commonNames) {
        this.requests = requests;
        this.policy = policy;
        this.commonNames = commonNames;
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        String topic = input.getPublishPacket().getTopic();
        if (!topic.startsWith(THINGS) || !requests.isAttached()) {
            return;
        }
        String clientId = input.getClientInformation().getClientId();
        if (!policy.mayPublish(commonNames.getOrDefault(clientId, clientId), topic)
                || ShadowTopicName.parse(topic).filter(t -> t.topic().isRequest()).isEmpty()) {
            return;
        }
        ByteBuffer payload = input.getPublishPacket().getPayload().orElse(ByteBuffer.allocate(0));
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        if (requests.offer(topic, bytes)) {
            output.preventPublishDelivery(AckReasonCode.SUCCESS);
        }
    }
}
