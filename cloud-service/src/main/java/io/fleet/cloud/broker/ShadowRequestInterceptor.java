package io.fleet.cloud.broker;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.fleet.cloud.shadow.ShadowRequestTopic;
import java.nio.ByteBuffer;

/**
 * Diverts shadow requests to {@link InBrokerShadowRequests} when a handler is attached. HiveMQ runs publish
 * interceptors before its authorizers and skips authorization for a publish whose delivery is prevented, so this
 * class sees only publishes that {@link PublishPolicyInterceptor} has found authorized. Requests the shadow service
 * cannot serve (an unknown operation, an invalid shadow name) are diverted too, so that it answers them on
 * {@code /rejected}; see {@link ShadowRequestTopic}.
 *
 * <p>Threads: HiveMQ's extension-task threads, one call per inbound PUBLISH.
 */
final class ShadowRequestInterceptor implements PublishInboundInterceptor {

    private static final String THINGS = "$aws/things/";

    private final InBrokerShadowRequests requests;

    ShadowRequestInterceptor(InBrokerShadowRequests requests) {
        this.requests = requests;
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        String topic = input.getPublishPacket().getTopic();
        if (!topic.startsWith(THINGS) || !requests.isAttached()) {
            return;
        }
        if (ShadowRequestTopic.classify(topic).isEmpty()) {
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
