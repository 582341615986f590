package org.tributary.domain.datapackage;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.tributary.domain.datapackage.api.CreatePackage;
import org.tributary.domain.datapackage.api.PackageCreated;
import org.tributary.domain.datapackage.api.DeletePackage;
import org.tributary.domain.datapackage.api.PackageDeleted;
import org.tributary.domain.shared.NotFound;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.Fields;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.PackageOrigin;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * A package: a label, fields and files at one node of one data layer. Immutable once created, so the aggregate
 * only guards its creation. Named {@code DataPackage} because {@code package} is a Java keyword.
 */
public class DataPackage {

    public static final int MAX_LABEL_LENGTH = 255;
    /** Files a package may name; a request beyond it is refused before anything is looked up. */
    public static final int MAX_FILES = 10_000;
    /** Packages one bulk upload may create ({@code CreatePackages}). */
    public static final int MAX_BATCH = 1_000;

    // boxed: null until the creating event is applied, so Axon resolves the first event's aggregate id lazily;
    // a primitive would read 0 there and store the first event under aggregate "0"
    @AggregateIdentifier
    private Long packageId;
    private long projectId;
    private long nodeId;
    private long layerId;

    DataPackage() {
        // sourced from events
    }

    /** Its id, once created. */
    public long id() {
        return packageId;
    }

    /**
     * The packages of a bulk upload, as one rule wherever they are judged (the web layer before it admits their
     * files, the command handler): 1 to {@value #MAX_BATCH}, none missing.
     *
     * @throws InvalidInput naming {@code packages}, or {@code packages[i]} for a missing one
     */
    public static <T> List<T> checkBatch(List<T> packages) {
        List<T> checked = Check.listOf("packages", packages);
        if (checked.isEmpty()) {
            throw new InvalidInput("packages", "name at least one package");
        }
        if (checked.size() > MAX_BATCH) {
            throw new InvalidInput("packages", "a bulk upload may create at most " + MAX_BATCH
                    + " packages; send the rest in another request");
        }
        return checked;
    }

    /** A new package, for a handler that creates several in one unit of work (a bulk upload). */
    public static DataPackage create(CreatePackage command, Ids ids) {
        return new DataPackage(command, ids);
    }

    @CommandHandler
    DataPackage(CreatePackage command, Ids ids) {
        String label = command.label() == null ? "" : command.label();
        // a package may have an empty label, so this is a length check only
        Check.text("label", label, MAX_LABEL_LENGTH);
        List<FileRef> files = Check.listOf("files", command.files());
        if (files.size() > MAX_FILES) {
            throw new InvalidInput("files", "a package may have at most " + MAX_FILES + " files");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            if (!names.add(files.get(i).name())) {
                throw new InvalidInput("files[" + i + "].name", "file '" + files.get(i).name() + "' is listed twice");
            }
        }
        Check.notNull("origin", command.origin());
        if (command.origin() == PackageOrigin.PRODUCED) {
            Check.notNull("job_id", command.jobId());
        }
        if (command.origin() == PackageOrigin.DELIVERED) {
            // a job's output passed along a link names its job; a package a data node passes on may have none
            Check.notNull("source_package_id", command.sourcePackageId());
        }
        Map<String, Object> fields = Fields.copyOf("fields", command.fields());
        List<Long> parents = Check.listOf("parents", command.parents());
        long packageId = ids.orNext(command.packageId(), Ids.Kind.AGGREGATE);
        apply(new PackageCreated(packageId, command.projectId(), command.nodeId(), command.layerId(), label,
                fields, files, parents, command.origin(),
                command.jobId(), command.sourcePackageId(), Boolean.TRUE.equals(command.hold()) ? Boolean.TRUE : null));
    }

    @EventSourcingHandler
    void on(PackageCreated event) {
        packageId = event.packageId();
        projectId = event.projectId();
        nodeId = event.nodeId();
        layerId = event.layerId();
    }

    @CommandHandler
    void handle(DeletePackage command) {
        if (command.projectId() != projectId) {
            throw new NotFound("package_id", "project " + command.projectId() + " has no package " + packageId);
        }
        apply(new PackageDeleted(packageId, projectId, nodeId, layerId));
    }

    @EventSourcingHandler
    void on(PackageDeleted event) {
        markDeleted();
    }

    /** Whether the package sits at that node of that project, in whichever layer. */
    public boolean sitsAtNode(long project, long node) {
        return projectId == project && nodeId == node;
    }

    /** Whether the package sits at that node of that data layer of that project. */
    public boolean sitsAt(long project, long node, long layer) {
        return projectId == project && nodeId == node && layerId == layer;
    }
}
