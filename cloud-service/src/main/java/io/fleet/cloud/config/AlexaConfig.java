package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The Alexa skill's HTTPS endpoint {@code POST /alexa}.
 *
 * @param verify        check signature, certificate chain, timestamp and application id (default true; only the
 *                      demo turns it off)
 * @param applicationId the skill's id (amzn1.ask.skill....) that requests must carry
 */
public record AlexaConfig(boolean verify, String applicationId) {
    @JsonCreator
    static AlexaConfig fromYaml(@JsonProperty("verify") Boolean verify,
                                @JsonProperty("applicationId") String applicationId) {
        return new AlexaConfig(verify == null || verify, applicationId);
    }

    /** Every request verified; no application id, so none is accepted until one is set. */
    public static AlexaConfig defaults() {
        return new AlexaConfig(true, null);
    }

    /** Requests taken without checking that Amazon sent them: the demo and tests, which cannot sign. */
    public static AlexaConfig unverified() {
        return new AlexaConfig(false, null);
    }
}
