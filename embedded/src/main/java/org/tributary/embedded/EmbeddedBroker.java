package org.tributary.embedded;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.AbstractConfigurationChangeListener;
import org.apache.qpid.server.model.AlternateBinding;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.model.OverflowPolicy;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostNode;
import org.apache.qpid.server.store.MessageDurability;
import org.apache.qpid.server.store.derby.DerbyUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An AMQP 0-9-1 broker (Apache Qpid Broker-J) in this JVM, listening on 127.0.0.1: what Spring AMQP and the
 * RabbitMQ client talk to over a real socket, with publisher confirms, topic exchanges and manual acks. One virtual
 * host, reachable under any name (so {@code /} works as on RabbitMQ), one user.
 *
 * <p>A message no queue takes is confirmed with an ack, as on RabbitMQ, but it is not returned to a mandatory
 * publisher (RabbitMQ returns it first); only the default exchange returns it, with a nack.
 *
 * <p>{@link #start(Path, int)} keeps durable exchanges, queues, bindings and persistent messages in a Derby store in
 * the given folder, so they survive a restart; {@link #startInMemory(int)} keeps nothing.
 *
 * <p>It is not RabbitMQ: RabbitMQ's queue arguments ({@code x-max-length}, {@code x-overflow}, quorum queues, ...)
 * are ignored or refused. Code that must run on both uses plain durable queues.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    public static final String DEFAULT_USERNAME = "guest";
    public static final String DEFAULT_PASSWORD = "guest";
    private static final String HOST = "127.0.0.1";
    /** Where unroutable messages go to be acknowledged and dropped (see {@link #acknowledgeUnroutable}). */
    static final String UNROUTABLE = "tributary.embedded.unroutable";

    private final SystemLauncher launcher;
    private final int port;
    private final String username;
    private final String password;
    private final Path workDir;
    private final boolean deleteOnClose;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Duration startTime;

    private EmbeddedBroker(SystemLauncher launcher, int port, String username, String password, Path workDir,
                           boolean deleteOnClose, FileChannel lockChannel, FileLock lock, Duration startTime) {
        this.launcher = launcher;
        this.port = port;
        this.username = username;
        this.password = password;
        this.workDir = workDir;
        this.deleteOnClose = deleteOnClose;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.startTime = startTime;
    }

    /** A broker whose durable entities and persistent messages live in {@code folder}; guest/guest. */
    public static EmbeddedBroker start(Path folder, int port) {
        return start(folder, port, DEFAULT_USERNAME, DEFAULT_PASSWORD);
    }

    public static EmbeddedBroker start(Path folder, int port, String username, String password) {
        return launch(folder.toAbsolutePath().normalize(), port, username, password, true);
    }

    /** A broker that keeps everything in memory (for tests); guest/guest. */
    public static EmbeddedBroker startInMemory(int port) {
        return startInMemory(port, DEFAULT_USERNAME, DEFAULT_PASSWORD);
    }

    public static EmbeddedBroker startInMemory(int port, String username, String password) {
        try {
            return launch(Files.createTempDirectory("tributary-qpid-"), port, username, password, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedBroker launch(Path workDir, int port, String username, String password,
                                         boolean persistent) {
        long began = System.nanoTime();
        FileChannel lockChannel = null;
        FileLock lock = null;
        try {
            Files.createDirectories(workDir);
            lockChannel = new RandomAccessFile(workDir.resolve("broker.lock").toFile(), "rw").getChannel();
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException(workDir + " is in use by another broker");
            }
            Path config = workDir.resolve("broker-config.json");
            Files.writeString(config, configuration(username, password, persistent, workDir));

            // Qpid loads Derby's driver even for a memory broker, and Derby then opens ./derby.log unless its output
            // is sent elsewhere first: to the slf4j logger "DERBY", which Qpid sets up only for Derby stores
            DerbyUtils.configureDerbyLogging();
            // one line per connection and channel otherwise; failures still surface as exceptions
            System.setProperty(SystemConfig.PROPERTY_STATUS_UPDATES,
                    System.getProperty(SystemConfig.PROPERTY_STATUS_UPDATES, "false"));
            AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
                @Override
                public void onContainerResolve(SystemConfig<?> systemConfig) {
                    system.set(systemConfig);
                }

                @Override
                public void errorOnStartup(RuntimeException e) {
                    failure.set(e);
                }
            });
            Map<String, Object> attributes = new HashMap<>();
            attributes.put(SystemConfig.TYPE, "Memory");
            attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, config.toUri().toString());
            attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
            attributes.put("context", Map.of(
                    "qpid.amqp_port", Integer.toString(port),
                    SystemConfig.QPID_WORK_DIR, workDir.toString()));
            launcher.startup(attributes);
            if (failure.get() != null) {
                throw new IllegalStateException("the AMQP broker did not start", failure.get());
            }
            Broker<?> broker = system.get().getContainer(Broker.class);
            int bound = broker.getChildren(Port.class).stream()
                    .filter(p -> p.getName().equals("AMQP")).findFirst()
                    .map(Port::getBoundPort).orElse(-1);
            VirtualHostNode<?> node = broker.getChildren(VirtualHostNode.class).stream().findFirst().orElse(null);
            if (bound <= 0 || node == null || node.getState() != State.ACTIVE || node.getVirtualHost() == null
                    || node.getVirtualHost().getState() != State.ACTIVE) {
                String why = node == null ? "no virtual host" : "virtual host node " + node.getState()
                        + (node.getVirtualHost() == null ? "" : ", virtual host " + node.getVirtualHost().getState());
                launcher.shutdown();
                throw new IllegalStateException("the AMQP broker started badly (port " + bound + ", " + why + ")");
            }
            acknowledgeUnroutable(node.getVirtualHost());
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            log.info("AMQP broker on port {} ({}) started in {} ms", bound, persistent ? workDir : "in memory",
                    took.toMillis());
            return new EmbeddedBroker(launcher, bound, username, password, workDir, !persistent, lockChannel, lock,
                    took);
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        } catch (Exception e) {
            closeQuietly(lockChannel);
            throw new IllegalStateException("the AMQP broker did not start", e);
        }
    }

    /**
     * RabbitMQ confirms an unroutable mandatory message with an ack (after returning it); Qpid nacks it, so a
     * publisher that treats a nack as a failure (projection-proxy, whose events mostly reach no queue) would retry
     * forever. Every exchange therefore gets an alternate binding to a queue that keeps at most one message and never
     * writes it to disk: an unroutable message is routed there and acked, and no {@code basic.return} is sent.
     */
    private static void acknowledgeUnroutable(VirtualHost<?> virtualHost) {
        if (virtualHost.getChildByName(Queue.class, UNROUTABLE) == null) {
            virtualHost.createChild(Queue.class, Map.of(
                    Queue.NAME, UNROUTABLE,
                    Queue.DURABLE, true,
                    Queue.MESSAGE_DURABILITY, MessageDurability.NEVER.name(),
                    Queue.OVERFLOW_POLICY, OverflowPolicy.RING.name(),
                    Queue.MAXIMUM_QUEUE_DEPTH_MESSAGES, 0));
        }
        virtualHost.getChildren(Exchange.class).forEach(EmbeddedBroker::routeUnroutableToSink);
        virtualHost.addChangeListener(new AbstractConfigurationChangeListener() {
            @Override
            public void childAdded(ConfiguredObject<?> parent, ConfiguredObject<?> child) {
                // runs before the declaring client gets its declare-ok, so its first publish already benefits
                if (child instanceof Exchange<?> exchange) {
                    routeUnroutableToSink(exchange);
                }
            }
        });
    }

    private static void routeUnroutableToSink(Exchange<?> exchange) {
        String name = exchange.getName();
        if (exchange.getAlternateBinding() == null && !name.isEmpty() && !name.startsWith("amq.")
                && !name.startsWith("qpid.")) {
            exchange.setAttributes(Map.of(Exchange.ALTERNATE_BINDING, Map.of(AlternateBinding.DESTINATION, UNROUTABLE)));
        }
    }

    /**
     * Qpid's initial configuration: PLAIN over plain TCP (the broker listens for local use), the virtual host under
     * every name, and either a Derby node whose virtual host keeps messages in the same store, or a memory node.
     */
    private static String configuration(String username, String password, boolean persistent, Path workDir) {
        String node = persistent
                ? """
                  {"name": "default", "type": "DERBY", "defaultVirtualHostNode": "true",
                   "storePath": %s,
                   "virtualHostInitialConfiguration": "{\\"type\\": \\"ProvidedStore\\"}"}"""
                .formatted(json(workDir.resolve("store").toString()))
                : """
                  {"name": "default", "type": "Memory", "defaultVirtualHostNode": "true",
                   "virtualHostInitialConfiguration": "{\\"type\\": \\"Memory\\"}"}""";
        return """
                {"name": "tributary", "modelVersion": "9.1",
                 "authenticationproviders": [{"name": "plain", "type": "Plain", "secureOnlyMechanisms": [],
                     "users": [{"name": %s, "password": %s, "type": "managed"}]}],
                 "ports": [{"name": "AMQP", "port": "${qpid.amqp_port}", "bindingAddress": "%s",
                     "authenticationProvider": "plain", "protocols": ["AMQP_0_9_1"],
                     "virtualhostaliases": [{"name": "nameAlias", "type": "nameAlias"},
                                            {"name": "defaultAlias", "type": "defaultAlias"}]}],
                 "virtualhostnodes": [%s]}
                """.formatted(json(username), json(password), HOST, node);
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** {@code amqp://user:password@127.0.0.1:port}, as {@code spring.rabbitmq.addresses} takes it. */
    public String amqpUrl() {
        return "amqp://" + URLEncoder.encode(username, StandardCharsets.UTF_8).replace("+", "%20") + ":"
                + URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20") + "@" + HOST + ":" + port;
    }

    public Duration startTime() {
        return startTime;
    }

    /** Closes client connections and the store (persistent messages are already on disk). */
    @Override
    public void close() {
        try {
            launcher.shutdown();
        } finally {
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            closeQuietly(lockChannel);
            if (deleteOnClose) {
                EmbeddedPostgres.deleteRecursively(workDir);
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
