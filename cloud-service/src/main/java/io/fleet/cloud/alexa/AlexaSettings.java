package io.fleet.cloud.alexa;

/**
 * How {@code POST /alexa} checks requests.
 *
 * @param verify        check Alexa's request signature (Signature-256 with SignatureCertChainUrl) and the 150 s
 *                      timestamp window; off only for local tries ({@code ./fleet demo}, {@code fleet alexa}), and
 *                      then logged loudly
 * @param applicationId the skill's id ({@code amzn1.ask.skill...}); requests for another skill are refused. Required
 *                      when {@code verify} is on: without it every request is refused. When verify is off it is still
 *                      checked if set.
 */
public record AlexaSettings(boolean verify, String applicationId) {

    public AlexaSettings {
        applicationId = applicationId == null || applicationId.isBlank() ? null : applicationId.trim();
    }

    /** Production default: verify everything; the application id comes from configuration. */
    public static AlexaSettings verifying(String applicationId) {
        return new AlexaSettings(true, applicationId);
    }

    /** For local tries only: no signature or timestamp checks. */
    public static AlexaSettings unverified() {
        return new AlexaSettings(false, null);
    }
}
