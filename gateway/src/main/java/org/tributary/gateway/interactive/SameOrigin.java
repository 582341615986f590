package org.tributary.gateway.interactive;

import java.net.URI;
import java.util.Locale;

/**
 * Whether a browser's request to an interactive job comes from a page of the platform itself. Jupyter runs without
 * a token behind the gateway, so the gateway checks the {@code Origin} a browser sends (with every WebSocket
 * handshake and every cross-site write) against the host the request was sent to, and Jupyter's own check, which
 * would compare it with the gateway's address for the job's pod, is left out. No {@code Origin}: not a browser's
 * cross-site request, allowed.
 */
public final class SameOrigin {

    private SameOrigin() {
    }

    /**
     * @param origin the request's {@code Origin}, or null
     * @param host   the host the client addressed: {@code X-Forwarded-Host} when a proxy in front set it, else
     *               {@code Host}
     */
    public static boolean allows(String origin, String host) {
        if (origin == null) {
            return true;
        }
        if (host == null || host.isBlank()) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return false;
        }
        String addressed = host.split(",")[0].trim().toLowerCase(Locale.ROOT);
        return authority(uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(), scheme)
                .equals(withoutDefaultPort(addressed, scheme));
    }

    private static String authority(String host, int port, String scheme) {
        return withoutDefaultPort(port < 0 ? host : host + ":" + port, scheme);
    }

    private static String withoutDefaultPort(String authority, String scheme) {
        String defaultPort = scheme.equals("https") ? ":443" : ":80";
        return authority.endsWith(defaultPort) ? authority.substring(0, authority.length() - defaultPort.length())
                : authority;
    }
}
