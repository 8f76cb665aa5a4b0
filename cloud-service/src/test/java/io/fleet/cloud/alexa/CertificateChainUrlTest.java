package io.fleet.cloud.alexa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The examples of Amazon's "Verify the signature certificate URL" documentation. */
class CertificateChainUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
        "HTTPS://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem",
    })
    void acceptsAmazonsBucketPath(String url) throws Exception {
        assertThat(CertificateChainUrl.validate(url).getHost()).isEqualToIgnoringCase("s3.amazonaws.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://notamazon.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem",
        "https://s3.amazonaws.com/invalid.path/echo-api-cert.pem",
        "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert.pem",
        "https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem",
        "ftp://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "not a url",
        "",
    })
    void refusesEverythingElse(String url) {
        assertThatThrownBy(() -> CertificateChainUrl.validate(url)).isInstanceOf(CertificateException.class);
    }
}
