package io.fleet.cloud.alexa;

import com.amazon.ask.servlet.verifiers.AlexaHttpRequest;
import com.amazon.ask.servlet.verifiers.SkillRequestTimestampVerifier;
import com.amazon.ask.servlet.verifiers.SkillServletVerifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks {@code POST /alexa} runs before the skill sees a request, cheapest first: the timestamp within 150 s
 * (the ASK SDK's verifier), the skill's application id, then the signature. With verification off only the
 * application id is checked, and only when one is configured.
 */
final class AlexaRequestVerifier {

    /** Amazon's limit for how old (or early) a request's timestamp may be. */
    static final long TIMESTAMP_TOLERANCE_MILLIS = 150_000;

    private final List<SkillServletVerifier> verifiers;

    private AlexaRequestVerifier(List<SkillServletVerifier> verifiers) {
        this.verifiers = List.copyOf(verifiers);
    }

    static AlexaRequestVerifier of(AlexaSettings settings, SkillServletVerifier signature) {
        List<SkillServletVerifier> verifiers = new ArrayList<>();
        if (settings.verify()) {
            verifiers.add(new SkillRequestTimestampVerifier(TIMESTAMP_TOLERANCE_MILLIS));
        }
        if (settings.verify() || settings.applicationId() != null) {
            verifiers.add(new ApplicationIdVerifier(settings.applicationId()));
        }
        if (settings.verify()) {
            verifiers.add(signature);
        }
        return new AlexaRequestVerifier(verifiers);
    }

    /** @throws SecurityException with the reason, when any check fails */
    void verify(AlexaHttpRequest request) {
        for (SkillServletVerifier verifier : verifiers) {
            verifier.verify(request);
        }
    }
}
