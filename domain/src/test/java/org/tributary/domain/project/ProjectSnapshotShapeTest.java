package org.tributary.domain.project;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project's snapshot is its fields as JSON, read back only by a project of the same {@link Project#SNAPSHOT_SHAPE}.
 * This test holds the fields' names and types for the current shape in a golden file: a change to them fails here
 * until the shape is raised (and its new golden file written, with {@code -Dtributary.snapshot-shape.write=true}),
 * so that no snapshot of the old fields is ever read into the new ones.
 */
class ProjectSnapshotShapeTest {

    private static final String DOMAIN = "org.tributary.domain.";

    @Test
    void theSnapshotsFieldsAreThoseOfItsShape() throws IOException {
        Path golden = Path.of("src/test/resources/snapshots/project-shape-" + Project.SNAPSHOT_SHAPE + ".txt");
        String shape = shapeOf(Project.class);
        if (Boolean.getBoolean("tributary.snapshot-shape.write")) {
            // a shape's golden file is written once: other fields need another shape, never a rewritten file
            assertThat(!Files.exists(golden) || Files.readString(golden, StandardCharsets.UTF_8).equals(shape))
                    .as("shape %s already has a golden file with other fields: raise Project.SNAPSHOT_SHAPE",
                            Project.SNAPSHOT_SHAPE).isTrue();
            Files.writeString(golden, shape, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("the golden file of snapshot shape %s: a new shape needs one, written with"
                + " -Dtributary.snapshot-shape.write=true", Project.SNAPSHOT_SHAPE).exists();
        assertThat(shape).as("The fields of a project snapshot changed: raise Project.SNAPSHOT_SHAPE (a snapshot of"
                        + " the old fields would be read into the new ones) and write its golden file with"
                        + " -Dtributary.snapshot-shape.write=true")
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void theShapeNamesNestedFieldsAndTheirTypes() {
        assertThat(shapeOf(Project.class))
                .contains("Project.nodes: org.tributary.domain.project.ProjectNodes\n")
                .contains("Project.projectId: java.lang.Long\n");
    }

    /** Every stored field reachable from {@code root} through the domain's own types: {@code Type.field: type}. */
    static String shapeOf(Class<?> root) {
        List<String> lines = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        List<Class<?>> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            Class<?> type = pending.remove(0);
            if (!seen.add(type)) {
                continue;
            }
            if (type.isEnum()) {
                // stored by name; a constant's removal would break the events that name it too
                continue;
            }
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                Arrays.stream(c.getDeclaredFields()).filter(ProjectSnapshotShapeTest::stored)
                        .sorted(Comparator.comparing(Field::getName)).forEach(field -> {
                            lines.add(type.getName().substring(DOMAIN.length()).replaceFirst("^\\w+\\.", "") + "."
                                    + field.getName() + ": " + field.getGenericType().getTypeName());
                            collect(field.getGenericType(), pending);
                        });
            }
        }
        lines.sort(null);
        return String.join("\n", lines) + "\n";
    }

    private static boolean stored(Field field) {
        int modifiers = field.getModifiers();
        return !Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()
                && !field.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonIgnore.class);
    }

    private static void collect(Type type, List<Class<?>> pending) {
        if (type instanceof ParameterizedType parameterized) {
            collect(parameterized.getRawType(), pending);
            for (Type argument : parameterized.getActualTypeArguments()) {
                collect(argument, pending);
            }
        } else if (type instanceof Class<?> c) {
            Class<?> element = c.isArray() ? c.getComponentType() : c;
            if (element.getName().startsWith(DOMAIN)) {
                pending.add(element);
            }
        }
    }
}
