package org.tributary.executor.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Settings of one executor ({@code tributary.executor.*}).
 *
 * @param id             the executor's id at command-service; when absent, the one its credential names
 * @param credential     what an admin got when registering this executor ({@code trb_e_<id>_<secret>}): every call
 *                       to command-service sends it
 * @param label          the name it registers under
 * @param capabilities   what it advertises when it registers
 * @param commandUrl     base URL of command-service
 * @param publicUrl      the URL its jobs reach it at (the runner's {@code --host}); default
 *                       {@code http://127.0.0.1:<the port the server listens on>}
 * @param runnerCommand  the command that runs one job, with {@code {host}} and {@code {job}} placeholders; default the
 *                       bundled Java job runner on this JVM
 * @param workDir        jobs run in {@code <work-dir>/<executor id>/}; the runner makes {@code <job id>/} in it
 * @param exchange       the topic exchange the projection proxy publishes events to
 * @param timeZone       {@code TZ} of the jobs
 * @param accessTokenTtl how long an access token of the executor API stays valid
 * @param refreshGrace   how long a refresh token keeps working after it was rotated, for a retried request
 * @param presignExpiry  how long a presigned S3 URL handed to a job stays valid
 * @param heartbeatTimeout how long a running job may go without a heartbeat before it ends as Dead and is stopped
 */
@ConfigurationProperties("tributary.executor")
public record ExecutorProperties(Long id, String label, Capabilities capabilities, String commandUrl, String publicUrl,
                                 List<String> runnerCommand, Path workDir, String exchange, ZoneId timeZone,
                                 Duration accessTokenTtl, Duration refreshGrace, Duration presignExpiry,
                                 Duration heartbeatTimeout, String credential) {

    public static final String DEFAULT_EXCHANGE = "tributary.events";

    public ExecutorProperties {
        if (label == null || label.isBlank()) {
            label = "local";
        }
        if (capabilities == null) {
            capabilities = new Capabilities(null, null);
        }
        if (commandUrl == null || commandUrl.isBlank()) {
            commandUrl = "http://127.0.0.1:8081";
        }
        commandUrl = commandUrl.replaceAll("/+$", "");
        if (publicUrl != null) {
            publicUrl = publicUrl.isBlank() ? null : publicUrl.replaceAll("/+$", "");
        }
        runnerCommand = runnerCommand == null ? List.of() : List.copyOf(runnerCommand);
        if (workDir == null) {
            workDir = Path.of(System.getProperty("java.io.tmpdir"), "tributary-executor");
        }
        if (exchange == null || exchange.isBlank()) {
            exchange = DEFAULT_EXCHANGE;
        }
        if (timeZone == null) {
            timeZone = ZoneId.systemDefault();
        }
        if (accessTokenTtl == null) {
            accessTokenTtl = Duration.ofMinutes(15);
        }
        if (refreshGrace == null) {
            refreshGrace = Duration.ofSeconds(30);
        }
        if (presignExpiry == null) {
            presignExpiry = Duration.ofHours(1);
        }
        if (heartbeatTimeout == null) {
            heartbeatTimeout = Duration.ofMinutes(5);
        }
        if (credential != null && credential.isBlank()) {
            credential = null;
        }
    }

    /** Never shows the credential. */
    @Override
    public String toString() {
        return "ExecutorProperties[id=" + id + ", label=" + label + ", commandUrl=" + commandUrl + ", credential="
                + (credential == null ? "none" : "…") + "]";
    }

    /**
     * @param gpus           GPU counts by kind ({@code nvidia}, {@code amd})
     * @param maxRunningJobs jobs run at once; default the number of available processors
     */
    public record Capabilities(Map<String, Integer> gpus, Integer maxRunningJobs) {
        public Capabilities {
            gpus = gpus == null ? Map.of() : Map.copyOf(gpus);
            if (maxRunningJobs == null || maxRunningJobs < 1) {
                maxRunningJobs = Runtime.getRuntime().availableProcessors();
            }
        }
    }
}
