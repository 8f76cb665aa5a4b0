package io.fleet.cloud.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded HiveMQ extension that makes the broker behave like AWS IoT Core's authentication and policies.
 * Without an authenticator HiveMQ CE would refuse every client, so this extension is also what lets anyone in.
 * It also publishes AWS's presence lifecycle events ({@link PresenceEventPublisher}), refuses unauthorized publishes
 * of MQTT 5 clients with a reason code ({@link PublishPolicyInterceptor}) and hands shadow requests to the
 * in-process shadow service and jobs requests to the Jobs device API when attached ({@link ShadowRequestInterceptor}).
 */
final class FleetSecurityExtension implements ExtensionMain {

    private static final Logger LOG = LoggerFactory.getLogger(FleetSecurityExtension.class);
    private static final long PURGE_TIMEOUT_S = 60;

    private final TopicPolicy policy;
    private final InBrokerShadowRequests shadowRequests;
    private final InBrokerShadowRequests jobRequests;

    private FleetSecurityExtension(TopicPolicy policy, InBrokerShadowRequests shadowRequests,
                                   InBrokerShadowRequests jobRequests) {
        this.policy = policy;
        this.shadowRequests = shadowRequests;
        this.jobRequests = jobRequests;
    }

    static EmbeddedExtension embedded(TopicPolicy policy, InBrokerShadowRequests shadowRequests,
                                      InBrokerShadowRequests jobRequests) {
        return EmbeddedExtension.builder()
                .withId("fleet-security")
                .withName("fleet certificate authentication and topic policy")
                .withVersion("1")
                .withAuthor("fleet")
                .withPriority(1000)
                .withStartPriority(1000)
                .withExtensionMain(new FleetSecurityExtension(policy, shadowRequests, jobRequests))
                .build();
    }

    /** Called once by HiveMQ on its start thread, before the listeners accept clients. */
    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        Map<String, String> commonNames = new ConcurrentHashMap<>();
        CertificateAuthenticator authenticator = new CertificateAuthenticator(policy, commonNames);
        TopicPolicyAuthorizer authorizer = new TopicPolicyAuthorizer(policy, commonNames);
        // Every connection shares one instance; the only state is the client id -> certificate CN map.
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
        Services.securityRegistry().setAuthorizerProvider(providerInput -> authorizer);
        PresenceEventPublisher presence = new PresenceEventPublisher(policy, commonNames, Clock.systemUTC());
        Services.eventRegistry().setClientLifecycleEventListener(providerInput -> presence);
        PublishPolicyInterceptor publishes = new PublishPolicyInterceptor(policy, commonNames,
                new ShadowRequestInterceptor(shadowRequests, jobRequests));
        Services.initializerRegistry().setClientInitializer(
                (initializerInput, clientContext) -> clientContext.addPublishInboundInterceptor(publishes));
        purgeReservedRetainedMessages();
    }

    /** Waits, so that no client connects before a forged answer stored by an earlier version is gone. */
    private static void purgeReservedRetainedMessages() {
        try {
            ReservedRetainedMessages.purge(Services.retainedMessageStore()).get(PURGE_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("could not remove retained messages on $aws/ topics: {}", e.toString());
        }
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        // Nothing to release: HiveMQ drops the registered providers with the extension.
    }
}
