package io.fleet.cloud.alexa;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/** Fetches the PEM certificate chain a request's {@code SignatureCertChainUrl} names, signing certificate first. */
@FunctionalInterface
interface CertificateChainRetriever {

    List<X509Certificate> retrieve(URL url) throws IOException, CertificateException;

    /** Over HTTPS from Amazon's S3 bucket; blocking, on a skill worker thread. */
    static CertificateChainRetriever https(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return url -> {
            HttpRequest request;
            try {
                request = HttpRequest.newBuilder(url.toURI()).timeout(timeout).GET().build();
            } catch (URISyntaxException e) {
                throw new CertificateException("bad certificate chain URL " + url, e);
            }
            HttpResponse<byte[]> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching " + url, e);
            }
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " fetching " + url);
            }
            return parse(response.body());
        };
    }

    static List<X509Certificate> parse(byte[] pem) throws CertificateException {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem)).stream()
                .map(c -> (X509Certificate) c).toList();
    }

}
