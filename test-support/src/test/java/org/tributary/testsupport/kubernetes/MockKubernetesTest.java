package org.tributary.testsupport.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MockKubernetesTest {

    private static final String NAMESPACE = "watches";

    @Test
    void watchesClosedWhilePodsChangeDoNotHoldUpTheMockServer() throws Exception {
        try (MockKubernetes kubernetes = MockKubernetes.start()) {
            // a stalled mock server fails this client's requests after 5 s instead of answering them
            KubernetesClient writer = new KubernetesClientBuilder().withConfig(new ConfigBuilder(
                    kubernetes.client().getConfiguration()).withRequestTimeout(5_000).build()).build();
            for (int round = 0; round < 5; round++) {
                KubernetesClient watching = kubernetes.newClient();
                CountDownLatch firstEvent = new CountDownLatch(1);
                Watch watch = watching.pods().inNamespace(NAMESPACE).watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Pod pod) {
                        firstEvent.countDown();
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                });
                int first = round * 100;
                CompletableFuture<Void> changes = CompletableFuture.runAsync(() -> {
                    for (int i = first; i < first + 100; i++) {
                        writer.pods().inNamespace(NAMESPACE).resource(pod("pod-" + i)).create();
                    }
                });
                assertThat(firstEvent.await(10, TimeUnit.SECONDS)).isTrue();
                watch.close();
                watching.close();
                changes.get(60, TimeUnit.SECONDS);
            }

            assertThat(writer.pods().inNamespace(NAMESPACE).list().getItems()).hasSize(500);
            writer.close();
        }
    }

    private static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().build();
    }
}
