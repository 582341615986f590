package org.tributary.executor.backend.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tributary.executor.backend.JobSecret;
import org.tributary.executor.backend.JobSecrets;
import org.tributary.executor.config.ExecutorIdentity;
import org.tributary.executor.config.ExecutorProperties;
import org.tributary.executor.config.PublicUrl;
import org.tributary.executor.jobapi.JobTokens;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * The Kubernetes backend, when {@code tributary.executor.backend=kubernetes} ({@code TRIBUTARY_EXECUTOR_BACKEND}).
 * The client connects as Fabric8 does by default: in a pod through its service account, outside through
 * {@code ~/.kube/config}, {@code KUBECONFIG} or {@code KUBERNETES_MASTER}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tributary.executor.backend", havingValue = "kubernetes")
@EnableConfigurationProperties(KubernetesSettings.class)
public class KubernetesConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KubernetesClient kubernetesClient() {
        return new KubernetesClientBuilder().build();
    }

    @Bean
    KubernetesBackend kubernetesBackend(KubernetesClient client, KubernetesSettings settings,
                                        ExecutorProperties properties, ExecutorIdentity identity, PublicUrl publicUrl,
                                        JobTokens tokens, JobSecrets secrets, Clock clock,
                                        org.tributary.executor.interactive.InteractiveSettings interactive) {
        ExecutorSide executor = new ExecutorSide() {
            @Override
            public long executorId() {
                return identity.id();
            }

            @Override
            public String executorUrl() {
                return settings.executorUrl() != null ? settings.executorUrl() : publicUrl.get();
            }

            @Override
            public ZoneId timeZone() {
                return properties.timeZone();
            }

            @Override
            public int defaultMaxJobs() {
                return properties.capabilities().maxRunningJobs();
            }

            @Override
            public String issueToken(long jobId) {
                return tokens.issueRefresh(jobId);
            }

            @Override
            public List<JobSecret> secrets(org.tributary.executor.job.StoredJob job) {
                return secrets.of(job);
            }

            @Override
            public org.tributary.executor.interactive.InteractiveSettings interactive() {
                return interactive;
            }

            @Override
            public void revokeTokens(long jobId) {
                tokens.revoke(jobId);
            }
        };
        return new KubernetesBackend(client, settings, executor, clock);
    }
}
