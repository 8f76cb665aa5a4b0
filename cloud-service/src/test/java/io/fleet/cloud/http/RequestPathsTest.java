package io.fleet.cloud.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/things/a/shadow", "/things/a%20b/shadow", "/things/%3A%3a/shadow", "/", "/%41"})
    void wellFormedEscapesPass(String path) {
        assertThat(RequestPaths.malformedEscape(path)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/things/a%zzb/shadow | invalid percent-encoding '%zz' at index 9",
        "/things/a%4 | invalid percent-encoding '%4' at index 9",
        "/things/a% | invalid percent-encoding '%' at index 9",
        "/ok%20then%g1 | invalid percent-encoding '%g1' at index 10",
    })
    void malformedEscapesAreNamedWithTheirPosition(String path, String problem) {
        assertThat(RequestPaths.malformedEscape(path)).contains(problem);
    }
}
