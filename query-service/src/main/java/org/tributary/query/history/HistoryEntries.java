package org.tributary.query.history;

import org.tributary.domain.datapackage.api.PackageCreated;
import org.tributary.domain.job.api.JobCancelled;
import org.tributary.domain.job.api.JobCreated;
import org.tributary.domain.job.api.JobDied;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobFailed;
import org.tributary.domain.job.api.JobStatusReported;
import org.tributary.domain.project.api.ApiKeyCreated;
import org.tributary.domain.project.api.ApiKeyRevoked;
import org.tributary.domain.project.api.DataLayerCreated;
import org.tributary.domain.project.api.LinkCreated;
import org.tributary.domain.project.api.LinkDeleted;
import org.tributary.domain.project.api.NodeActivityChanged;
import org.tributary.domain.project.api.NodeContainerChanged;
import org.tributary.domain.project.api.NodeCreated;
import org.tributary.domain.project.api.NodeDeleted;
import org.tributary.domain.project.api.NodeFileDeleted;
import org.tributary.domain.project.api.NodeFilePut;
import org.tributary.domain.project.api.NodeRenamed;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.project.api.ProjectMemberRemoved;
import org.tributary.domain.project.api.ProjectMemberSet;
import org.tributary.domain.project.api.ProjectSecretDeleted;
import org.tributary.domain.project.api.ProjectSecretSet;
import org.tributary.domain.shared.PackageOrigin;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import java.util.Locale;

/**
 * One line of a project's history from one event, pure: the event's type, what happened in words, and the node and
 * job it concerns (for the history's filters). The common events have sentences of their own; any other is named in
 * plain words after its type.
 */
public final class HistoryEntries {

    /** @param nodeId the node the event concerns, if any; {@code jobId} likewise */
    public record Entry(String type, String words, Long nodeId, Long jobId) {
    }

    private HistoryEntries() {
    }

    public static Entry of(Object event) {
        String type = event.getClass().getSimpleName();
        return new Entry(type, words(event), nodeId(event), component(event, "jobId"));
    }

    static String words(Object e) {
        if (e instanceof ProjectCreated c) {
            return "created the project \"" + c.name() + "\"";
        }
        if (e instanceof NodeCreated c) {
            return "added " + c.kind().wireName() + " node " + c.nodeId() + " \"" + c.label() + "\"";
        }
        if (e instanceof NodeRenamed c) {
            return "renamed node " + c.nodeId() + " to \"" + c.label() + "\"";
        }
        if (e instanceof NodeContainerChanged c) {
            return "changed the container of node " + c.nodeId() + " (image " + c.container().image() + ")";
        }
        if (e instanceof NodeDeleted c) {
            return "deleted node " + c.nodeId();
        }
        if (e instanceof NodeFilePut c) {
            return "put file \"" + c.file().name() + "\" on node " + c.nodeId();
        }
        if (e instanceof NodeFileDeleted c) {
            return "deleted file \"" + c.name() + "\" of node " + c.nodeId();
        }
        if (e instanceof NodeActivityChanged c) {
            return "switched node " + c.nodeId() + (c.active() ? " on" : " off") + " in data layer " + c.layerId();
        }
        if (e instanceof org.tributary.domain.project.api.NodeProcessingChanged c) {
            return "node " + c.nodeId() + " now processes packages " + (c.processing()
                    == org.tributary.domain.shared.ProcessingMode.MANUAL ? "when asked (manual)" : "automatically");
        }
        if (e instanceof org.tributary.domain.project.api.ProjectSwitched c) {
            return "switched the project " + (c.active() ? "on" : "off (its jobs wait undispatched)");
        }
        if (e instanceof org.tributary.domain.project.api.PackagesProcessingRequested c) {
            return "asked node " + c.nodeId() + " to process " + c.packageIds().size() + " package"
                    + (c.packageIds().size() == 1 ? "" : "s") + (c.interactive() ? " interactively" : "");
        }
        if (e instanceof org.tributary.domain.project.api.NodeJobsRerunRequested c) {
            return "asked node " + c.nodeId() + " to re-run its jobs that ended " + c.status().wireName();
        }
        if (e instanceof LinkCreated c) {
            return "linked node " + c.fromNodeId() + " to node " + c.toNodeId() + " (" + c.type().wireName() + ")";
        }
        if (e instanceof LinkDeleted c) {
            return "deleted link " + c.linkId();
        }
        if (e instanceof DataLayerCreated c) {
            return "added data layer " + c.layerId() + " \"" + c.label() + "\"";
        }
        if (e instanceof ProjectSecretSet c) {
            return "set secret " + c.name() + " (" + c.kind().wireName() + ")";
        }
        if (e instanceof ProjectSecretDeleted c) {
            return "deleted secret " + c.name();
        }
        if (e instanceof ProjectMemberSet c) {
            return "made user " + c.userId() + " " + c.role().wireName();
        }
        if (e instanceof ProjectMemberRemoved c) {
            return "removed user " + c.userId() + " from the project";
        }
        if (e instanceof ApiKeyCreated c) {
            return "made API key " + c.keyId() + " \"" + c.name() + "\" (" + c.role().wireName() + ")";
        }
        if (e instanceof ApiKeyRevoked c) {
            return "revoked API key " + c.keyId();
        }
        if (e instanceof PackageCreated c) {
            String which = " package " + c.packageId() + " \"" + c.label() + "\"";
            if (c.origin() == PackageOrigin.PRODUCED) {
                return "job " + c.jobId() + " produced" + which + " at node " + c.nodeId();
            }
            if (c.origin() == PackageOrigin.DELIVERED) {
                return "delivered" + which + " to node " + c.nodeId() + " (from package " + c.sourcePackageId() + ")";
            }
            return "posted" + which + " at node " + c.nodeId() + (c.held() ? ", not to be processed" : "");
        }
        if (e instanceof JobCreated c) {
            return "created job " + c.jobId() + " at node " + c.spec().nodeId()
                    + (c.restartOf() != null ? ", a restart of job " + c.restartOf() : "")
                    + (c.spec().interactive() ? ", interactive" : "");
        }
        if (e instanceof JobDispatched c) {
            return "dispatched job " + c.jobId() + " to executor " + c.executorId();
        }
        if (e instanceof JobStatusReported c) {
            return "job " + c.jobId() + " is " + c.status().wireName();
        }
        if (e instanceof JobFailed c) {
            return "job " + c.jobId() + " failed: " + c.error();
        }
        if (e instanceof JobDied c) {
            return "job " + c.jobId() + " died: " + c.message();
        }
        if (e instanceof JobCancelled c) {
            return "cancelled job " + c.jobId() + (c.reason().isEmpty() ? "" : ": " + c.reason());
        }
        return plain(e);
    }

    /** An event type's name in words, worked out once per type: {@code JobUploaded} → "job uploaded". */
    private static final ClassValue<String> TYPE_WORDS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        }
    };

    /** A record type's {@code long} and {@code Long} components' accessors by name, looked up once per type. */
    private static final ClassValue<Map<String, Method>> ID_ACCESSORS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return Map.of();
            }
            Map<String, Method> accessors = new HashMap<>();
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getType() == long.class || component.getType() == Long.class) {
                    accessors.put(component.getName(), component.getAccessor());
                }
            }
            return Map.copyOf(accessors);
        }
    };

    /** {@code JobUploaded} → "job uploaded", with the job's or node's id when the event names one. */
    static String plain(Object event) {
        String words = TYPE_WORDS.get(event.getClass());
        Long job = component(event, "jobId");
        Long node = nodeId(event);
        return words + (job != null ? " (job " + job + ")" : node != null ? " (node " + node + ")" : "");
    }

    static Long nodeId(Object event) {
        if (event instanceof JobCreated c) {
            return c.spec().nodeId();
        }
        if (event instanceof JobDispatched c) {
            return c.spec().nodeId();
        }
        return component(event, "nodeId");
    }

    /** A record's {@code long} or {@code Long} component of that name, else null. */
    static Long component(Object event, String name) {
        Method accessor = ID_ACCESSORS.get(event.getClass()).get(name);
        if (accessor == null) {
            return null;
        }
        try {
            return (Long) accessor.invoke(event);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
