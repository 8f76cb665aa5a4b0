package io.fleet.cloud.alexa;

import com.amazon.ask.model.RequestEnvelope;
import com.amazon.ask.servlet.verifiers.AlexaHttpRequest;
import com.amazon.ask.servlet.verifiers.SkillServletVerifier;

/** Refuses requests meant for another skill ({@code context.System.application.applicationId}). */
final class ApplicationIdVerifier implements SkillServletVerifier {

    private final String applicationId;

    ApplicationIdVerifier(String applicationId) {
        this.applicationId = applicationId;
    }

    @Override
    public void verify(AlexaHttpRequest request) {
        if (applicationId == null) {
            throw new SecurityException("no Alexa application id is configured (alexa.applicationId), so no request "
                    + "can be accepted");
        }
        String actual = applicationIdOf(request.getDeserializedRequestEnvelope());
        if (!applicationId.equals(actual)) {
            throw new SecurityException("application id " + actual + " is not this skill's");
        }
    }

    static String applicationIdOf(RequestEnvelope envelope) {
        if (envelope.getContext() != null && envelope.getContext().getSystem() != null
                && envelope.getContext().getSystem().getApplication() != null) {
            return envelope.getContext().getSystem().getApplication().getApplicationId();
        }
        if (envelope.getSession() != null && envelope.getSession().getApplication() != null) {
            return envelope.getSession().getApplication().getApplicationId();
        }
        return null;
    }
}
