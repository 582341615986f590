package org.tributary.domain.project;

import org.tributary.domain.project.api.DataLayerCreated;
import org.tributary.domain.project.api.NodeCreated;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.DataLayerKind;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.NodeKind;

/** A small project used across the Project tests: compute node a, data node b, compute node c, layer main. */
final class ProjectSamples {

    static final long P = 1;
    static final long MAIN = 10;
    static final long OTHER_LAYER = 11;
    static final long A = 100;
    static final long B = 101;
    static final long C = 102;
    static final long PROJECT_EXECUTOR = 7;
    static final long NODE_EXECUTOR = 8;

    static final ContainerSpec CONTAINER = ContainerSpec.of("python:3.12-slim", "python run.py");

    static final ProjectCreated PROJECT_CREATED = new ProjectCreated(P, "Demo", PROJECT_EXECUTOR);
    static final DataLayerCreated MAIN_LAYER = new DataLayerCreated(P, MAIN, "main", DataLayerKind.SHARED);
    static final DataLayerCreated SECOND_LAYER = new DataLayerCreated(P, OTHER_LAYER, "what-if",
            DataLayerKind.PERSONAL);
    static final NodeCreated NODE_A = new NodeCreated(P, A, "a", NodeKind.COMPUTE, CONTAINER, 10, 20, null);
    static final NodeCreated NODE_B = new NodeCreated(P, B, "b", NodeKind.DATA, null, 30, 40, null);
    static final NodeCreated NODE_C = new NodeCreated(P, C, "c", NodeKind.COMPUTE, CONTAINER, 50, 60, null);

    private ProjectSamples() {
    }

    /** The project with its main layer and nodes a, b, c. */
    static Object[] graph(Object... more) {
        Object[] base = {PROJECT_CREATED, MAIN_LAYER, NODE_A, NODE_B, NODE_C};
        Object[] all = new Object[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    static FileRef file(String name, char digit) {
        return new FileRef(name, String.valueOf(digit).repeat(64), 12, false, "text/plain");
    }
}
