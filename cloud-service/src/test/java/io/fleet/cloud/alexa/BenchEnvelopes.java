package io.fleet.cloud.alexa;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Alexa IntentRequest envelopes for benchmarks, built the way {@code fleet alexa} builds them. */
public final class BenchEnvelopes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final InteractionModel model = InteractionModel.load("en-US");
    private final UtteranceResolver resolver = new UtteranceResolver(model);

    /** The JSON body of POST /alexa for {@code utterance} by the user holding {@code accessToken}. */
    public byte[] envelope(String utterance, String accessToken) {
        try {
            return JSON.writeValueAsBytes(new RequestEnvelopeBuilder(model, null, accessToken)
                    .build(resolver.resolve(utterance), Instant.now()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
