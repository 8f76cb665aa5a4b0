package io.fleet.cloud.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The owner app at {@code /app}.
 *
 * @param mapTiles a map tile URL template with {@code {z}}, {@code {x}} and {@code {y}}, e.g.
 *                 {@code https://tile.openstreetmap.org/{z}/{x}/{y}.png} (mind the tile server's usage policy);
 *                 the app's content security policy then allows images from that origin, and only that one.
 *                 Unset (default): no map, the car's coordinates and a link to openstreetmap.org
 */
public record AppConfig(String mapTiles) {
    public AppConfig {
        if (mapTiles != null) {
            mapTilesOrigin(mapTiles); // fails now, naming the key, rather than when the page is served
        }
    }

    /** No map tiles. */
    public static AppConfig defaults() {
        return new AppConfig(null);
    }

    /** The origin (scheme://host[:port]) the tiles come from, if a template is set. */
    @JsonIgnore
    public Optional<String> tilesOrigin() {
        return mapTiles == null ? Optional.empty() : Optional.of(mapTilesOrigin(mapTiles));
    }

    private static String mapTilesOrigin(String template) {
        String problem = "app.mapTiles must be an http(s) URL template with {z}, {x} and {y}, e.g. "
                + "https://tile.openstreetmap.org/{z}/{x}/{y}.png, got \"" + template + "\"";
        if (!template.contains("{z}") || !template.contains("{x}") || !template.contains("{y}")) {
            throw new IllegalArgumentException(problem);
        }
        URI uri;
        try {
            uri = new URI(template.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem + " (" + e.getReason() + ")", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(problem);
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
