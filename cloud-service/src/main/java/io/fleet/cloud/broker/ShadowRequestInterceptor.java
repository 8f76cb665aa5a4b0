package io.fleet.cloud.broker;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.fleet.cloud.jobs.JobsTopic;
import io.fleet.cloud.shadow.ShadowRequestTopic;
import java.nio.ByteBuffer;

/**
 * Diverts shadow requests to {@link InBrokerShadowRequests} when a handler is attached. HiveMQ runs publish
 * interceptors before its authorizers and skips authorization for a publish whose delivery is prevented, so this
 * class sees only publishes that {@link PublishPolicyInterceptor} has found authorized. Requests the shadow service
 * cannot serve (an unknown operation, an invalid shadow name) are diverted too, so that it answers them on
 * {@code /rejected}; see {@link ShadowRequestTopic}. Jobs requests ({@code $aws/things/<thing>/jobs/...}, see
 * {@link JobsTopic}) are diverted the same way to their own handler, the Jobs device API.
 *
 * <p>Threads: HiveMQ's extension-task threads, one call per inbound PUBLISH.
 */
final class ShadowRequestInterceptor implements PublishInboundInterceptor {

    private static final String THINGS = "$aws/things/";

    private final InBrokerShadowRequests requests;
    private final InBrokerShadowRequests jobRequests;

    ShadowRequestInterceptor(InBrokerShadowRequests requests, InBrokerShadowRequests jobRequests) {
        this.requests = requests;
        this.jobRequests = jobRequests;
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        String topic = input.getPublishPacket().getTopic();
        if (!topic.startsWith(THINGS)) {
            return;
        }
        InBrokerShadowRequests handler;
        if (requests.isAttached() && ShadowRequestTopic.classify(topic).isPresent()) {
            handler = requests;
        } else if (jobRequests.isAttached() && JobsTopic.isRequest(topic)) {
            handler = jobRequests;
        } else {
            return;
        }
        ByteBuffer payload = input.getPublishPacket().getPayload().orElse(ByteBuffer.allocate(0));
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        if (handler.offer(topic, bytes)) {
            output.preventPublishDelivery(AckReasonCode.SUCCESS);
        }
    }
}
