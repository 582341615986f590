package org.tributary.runner;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one run of the job runner needs.
 *
 * @param baseUrl           the executor API base, e.g. {@code http://host:8080/api} (calls append
 *                          {@code /executor_api/...})
 * @param jobId             the job to run
 * @param refreshToken      the job's refresh token ({@code RNDFLOW_REFRESH_TOKEN})
 * @param workingRoot       the folder in which the job folder {@code <jobId>/} is made (the process working directory
 *                          for the command line)
 * @param environment       the environment the script's environment is derived from (cleaned of tokens), and where
 *                          {@code JUPYTER_BASE_URL} is looked up
 * @param heartbeatInterval time between heartbeats ({@code RNDFLOW_HEARTBEAT_INTERVAL} seconds, default 60)
 * @param clock             the clock of the log's timestamps (its zone is the timestamps' zone)
 * @param retryBackoff      the first pause before retrying a failed request; it doubles on each further attempt
 */
public record RunnerConfig(URI baseUrl, long jobId, String refreshToken, Path workingRoot,
                           Map<String, String> environment, Duration heartbeatInterval, Clock clock,
                           Duration retryBackoff) {

    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(500);

    public static final String REFRESH_TOKEN_VARIABLE = "RNDFLOW_REFRESH_TOKEN";
    public static final String API_SERVER_VARIABLE = "RNDFLOW_API_SERVER";
    public static final String API_SERVER_DIRECT_VARIABLE = "RNDFLOW_API_SERVER_DIRECT";
    public static final String HEARTBEAT_INTERVAL_VARIABLE = "RNDFLOW_HEARTBEAT_INTERVAL";

    static final String USAGE = "usage: JobRunner --host <URL> --job <id>   (environment: " + REFRESH_TOKEN_VARIABLE
            + " required; " + API_SERVER_VARIABLE + ", " + API_SERVER_DIRECT_VARIABLE + ", "
            + HEARTBEAT_INTERVAL_VARIABLE + " optional)";

    public RunnerConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (jobId < 0) {
            throw new IllegalArgumentException("job id must not be negative: " + jobId);
        }
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new IllegalArgumentException(REFRESH_TOKEN_VARIABLE
                    + " is not set: the job runner needs the job's refresh token in its environment");
        }
        workingRoot = workingRoot.toAbsolutePath().normalize();
        environment = Map.copyOf(environment);
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive: " + heartbeatInterval);
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
    }

    /** A configuration with the default heartbeat interval, the system clock and the default retry backoff. */
    public static RunnerConfig of(URI baseUrl, long jobId, String refreshToken, Path workingRoot,
                                  Map<String, String> environment) {
        return new RunnerConfig(baseUrl, jobId, refreshToken, workingRoot, environment, DEFAULT_HEARTBEAT_INTERVAL,
                Clock.systemDefaultZone(), DEFAULT_RETRY_BACKOFF);
    }

    public RunnerConfig withHeartbeatInterval(Duration interval) {
        return new RunnerConfig(baseUrl, jobId, refreshToken, workingRoot, environment, interval, clock, retryBackoff);
    }

    public RunnerConfig withClock(Clock newClock) {
        return new RunnerConfig(baseUrl, jobId, refreshToken, workingRoot, environment, heartbeatInterval, newClock,
                retryBackoff);
    }

    public RunnerConfig withRetryBackoff(Duration backoff) {
        return new RunnerConfig(baseUrl, jobId, refreshToken, workingRoot, environment, heartbeatInterval, clock,
                backoff);
    }

    /** Without the refresh token and the environment, which hold credentials. */
    @Override
    public String toString() {
        return "RunnerConfig[baseUrl=" + baseUrl + ", jobId=" + jobId + ", workingRoot=" + workingRoot
                + ", heartbeatInterval=" + heartbeatInterval + ", clock=" + clock + ", retryBackoff=" + retryBackoff
                + "]";
    }

    /** The job folder, {@code <workingRoot>/<jobId>}. */
    public Path jobDirectory() {
        return workingRoot.resolve(Long.toString(jobId));
    }

    /**
     * Reads the command line ({@code --host URL --job ID}, also {@code --host=URL}) and the environment the way
     * {@code rndflow-execute} does.
     *
     * @throws IllegalArgumentException with a message fit for the user when something is missing or malformed
     */
    public static RunnerConfig fromCommandLine(String[] args, Map<String, String> env, Path workingDirectory) {
        return fromCommandLine(args, env, workingDirectory, System.in);
    }

    /**
     * As above; with {@code --refresh-token-from stdin} the refresh token is the first line of {@code stdin}
     * instead of a variable, so that it is in no process's environment, where a job's script could read it
     * ({@code /proc/<pid>/environ}). Tributary's local backend starts its bundled runner so.
     */
    public static RunnerConfig fromCommandLine(String[] args, Map<String, String> env, Path workingDirectory,
                                               java.io.InputStream stdin) {
        String host = null;
        String job = null;
        String tokenFrom = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            switch (name) {
                case "--host" -> host = value;
                case "--job" -> job = value;
                case "--refresh-token-from" -> tokenFrom = value;
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (job == null) {
            throw new IllegalArgumentException("--job is required");
        }
        long jobId;
        try {
            jobId = Long.parseLong(job.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--job must be an integer: " + job);
        }
        String refreshToken;
        if (tokenFrom != null) {
            if (!tokenFrom.equals("stdin")) {
                throw new IllegalArgumentException("--refresh-token-from takes only stdin");
            }
            refreshToken = firstLine(stdin);
        } else {
            refreshToken = env.get(REFRESH_TOKEN_VARIABLE);
        }
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new IllegalArgumentException(REFRESH_TOKEN_VARIABLE
                    + " is not set: the job runner needs the job's refresh token in its environment");
        }
        return new RunnerConfig(baseUrl(host, env), jobId, refreshToken, workingDirectory, env,
                heartbeatInterval(env.get(HEARTBEAT_INTERVAL_VARIABLE)), Clock.systemDefaultZone(),
                DEFAULT_RETRY_BACKOFF);
    }

    private static String firstLine(java.io.InputStream stdin) {
        try {
            StringBuilder line = new StringBuilder();
            for (int c = stdin.read(); c >= 0 && c != '\n' && line.length() < 4096; c = stdin.read()) {
                line.append((char) c);
            }
            return line.toString().strip();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read the refresh token from stdin: " + e.getMessage());
        }
    }

    static URI baseUrl(String host, Map<String, String> env) {
        String direct = env.get(API_SERVER_DIRECT_VARIABLE);
        if (direct != null && !direct.isBlank()) {
            return parseUrl(stripTrailingSlashes(direct.trim()), API_SERVER_DIRECT_VARIABLE);
        }
        String server = host != null && !host.isBlank() ? host : env.get(API_SERVER_VARIABLE);
        if (server == null || server.isBlank()) {
            throw new IllegalArgumentException("no API server: pass --host <URL> or set " + API_SERVER_VARIABLE);
        }
        return parseUrl(stripTrailingSlashes(server.trim()) + "/api", host != null ? "--host" : API_SERVER_VARIABLE);
    }

    private static URI parseUrl(String url, String source) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(source + " is not an absolute http(s) URL: " + url);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not a valid URL: " + url, e);
        }
    }

    private static String stripTrailingSlashes(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    static Duration heartbeatInterval(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return DEFAULT_HEARTBEAT_INTERVAL;
        }
        try {
            // Fractions are accepted so that tests and local runs can beat faster than once a second.
            long millis = new BigDecimal(seconds.trim()).movePointRight(3).longValueExact();
            if (millis <= 0) {
                throw new IllegalArgumentException(HEARTBEAT_INTERVAL_VARIABLE + " must be positive: " + seconds);
            }
            return Duration.ofMillis(millis);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(HEARTBEAT_INTERVAL_VARIABLE + " must be a number of seconds: "
                    + seconds);
        }
    }
}
