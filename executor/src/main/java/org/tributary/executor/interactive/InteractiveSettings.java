package org.tributary.executor.interactive;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How interactive jobs run ({@code tributary.executor.interactive.*}): their Jupyter is proxied by the gateway at
 * {@code /interactive/<job id>/}, and stopped when it sees no activity for {@code idle-limit}.
 *
 * @param idleLimit     how long a job's Jupyter may go without activity (no request, no running cell) before the
 *                      job is cancelled; default one hour
 * @param checkInterval how often the executor asks each Jupyter ({@code api/status}) when it was last active;
 *                      default one minute
 * @param host          local backend: the address Jupyter listens on and the gateway reaches it at; default
 *                      {@code 127.0.0.1} (Jupyter runs without a token: it listens on loopback unless told otherwise)
 * @param serviceUrl    Kubernetes backend: how the gateway reaches a job's Service (port {@value #JUPYTER_PORT},
 *                      Jupyter's own, in the pod and on the Service), with {@code {service}}, {@code {namespace}} and
 *                      {@code {port}}; default {@code http://{service}.{namespace}.svc:{port}}
 */
@ConfigurationProperties("tributary.executor.interactive")
public record InteractiveSettings(Duration idleLimit, Duration checkInterval, String host, String serviceUrl) {

    public static final int JUPYTER_PORT = 8888;

    public InteractiveSettings {
        if (idleLimit == null) {
            idleLimit = Duration.ofHours(1);
        }
        if (idleLimit.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("tributary.executor.interactive.idle-limit must be at least one second");
        }
        if (checkInterval == null) {
            checkInterval = Duration.ofMinutes(1);
        }
        if (host == null || host.isBlank()) {
            host = "127.0.0.1";
        }
        if (serviceUrl == null || serviceUrl.isBlank()) {
            serviceUrl = "http://{service}.{namespace}.svc:{port}";
        }
    }

    /** The defaults. */
    public static InteractiveSettings defaults() {
        return new InteractiveSettings(null, null, null, null);
    }

    /** Where the gateway reaches the Service of a job on Kubernetes. */
    public String serviceUrl(String service, String namespace) {
        return serviceUrl.replace("{service}", service).replace("{namespace}", namespace)
                .replace("{port}", Integer.toString(JUPYTER_PORT));
    }

    /** Whether Jupyter, listening on {@code host}, is reachable from this machine only. */
    public boolean loopback() {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }
}
