package io.fleet.cloud.alexa;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.cert.CertificateException;
import java.util.Locale;

/**
 * Amazon's rules for the {@code SignatureCertChainUrl} header ("Verifying that the request was sent by Alexa"):
 * after normalizing the path, the protocol is https, the host is s3.amazonaws.com (any case), the path starts with
 * {@code /echo.api/} (case-sensitive) and the port, if given, is 443.
 */
final class CertificateChainUrl {

    private CertificateChainUrl() {
    }

    static URL validate(String url) throws CertificateException {
        if (url == null || url.isBlank()) {
            throw new CertificateException("no SignatureCertChainUrl");
        }
        URL parsed;
        try {
            parsed = new URI(url.trim()).normalize().toURL();
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            throw new CertificateException("SignatureCertChainUrl " + url + " is malformed");
        }
        if (!"https".equals(parsed.getProtocol().toLowerCase(Locale.ROOT))) {
            throw new CertificateException("SignatureCertChainUrl " + url + " is not https");
        }
        if (!"s3.amazonaws.com".equals(parsed.getHost().toLowerCase(Locale.ROOT))) {
            throw new CertificateException("SignatureCertChainUrl " + url + " is not on s3.amazonaws.com");
        }
        if (!parsed.getPath().startsWith("/echo.api/")) {
            throw new CertificateException("SignatureCertChainUrl " + url + " does not start with /echo.api/");
        }
        if (parsed.getPort() != -1 && parsed.getPort() != 443) {
            throw new CertificateException("SignatureCertChainUrl " + url + " is not on port 443");
        }
        return parsed;
    }
}
