package io.fleet.rig.output;

import io.fleet.model.Checks;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed {@code --out} argument: {@code [NAME=]SCHEME://HOST:PORT[?key=value&...]}, e.g.
 * {@code A=cannelloni://10.0.0.5:20000?local=20000&batch=16} or {@code udp://239.1.1.1:30490?keepPort=true}.
 */
public record OutputSpec(String name, String scheme, String host, int port, Map<String, String> params) {

    public OutputSpec {
        Checks.notNull(name, "name");
        Checks.notNull(scheme, "scheme");
        params = Map.copyOf(params);
    }

    /** @param defaultName used when the argument has no {@code NAME=} prefix */
    public static OutputSpec parse(String argument, String defaultName) {
        String name = defaultName;
        String uriText = argument.trim();
        int schemeAt = uriText.indexOf("://");
        int eq = uriText.indexOf('=');
        if (eq > 0 && (schemeAt < 0 || eq < schemeAt)) {
            name = uriText.substring(0, eq);
            uriText = uriText.substring(eq + 1);
        }
        URI uri = URI.create(uriText);
        Checks.check(uri.getScheme() != null, "--out", "needs a scheme like cannelloni://host:port", argument);
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int at = pair.indexOf('=');
                params.put(at < 0 ? pair : pair.substring(0, at), at < 0 ? "true" : pair.substring(at + 1));
            }
        }
        return new OutputSpec(name, uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost() != null ? uri.getHost()
                : uri.getAuthority(), uri.getPort(), params);
    }

    public int intParam(String key, int defaultValue) {
        String value = params.get(key);
        return value == null ? defaultValue : Integer.parseInt(value);
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(params.getOrDefault(key, "false"));
    }
}
