package org.tributary.testsupport.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.util.HashMap;

/**
 * Fabric8's mock API server in CRUD mode (objects are stored, listed, watched, patched and deleted as a real API
 * server would, with no controllers behind it: {@link KubeletSimulator} plays the kubelet), on a random port; a watch
 * that closes never holds up its other requests ({@link PromptWatchCloses}).
 */
public final class MockKubernetes implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private MockKubernetes(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    public static MockKubernetes start() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new PromptWatchCloses(), false);
        server.init();
        return new MockKubernetes(server);
    }

    /** A client of the mock; each caller may take its own. */
    public KubernetesClient client() {
        return client;
    }

    public KubernetesClient newClient() {
        return server.createClient();
    }

    @Override
    public void close() {
        client.close();
        try {
            server.destroy();
        } catch (IllegalStateException slow) {
            // a test that leaves watches open (the crash-point test keeps its crashed clients) can make the mock's
            // shutdown outlast its own wait; the server's threads are daemons and go with the JVM
            System.err.println("the Kubernetes mock server did not stop in time: " + slow.getMessage());
        }
    }
}
