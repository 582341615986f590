package org.tributary.domain.project;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project's snapshot is its fields as JSON (Jackson), read back only by a project of the same
 * {@link Project#SNAPSHOT_SHAPE}. This test holds the stored properties' names and types for the current shape in a
 * golden file, as Jackson sees them: a change to them fails here until the shape is raised (and its new golden file
 * written, with {@code -Dtributary.snapshot-shape.write=true}), so that no snapshot of the old fields is ever read
 * into the new ones.
 */
class ProjectSnapshotShapeTest {

    private static final String DOMAIN = "org.tributary.domain.";
    /** As the snapshot serializer (Axon's Jackson serializer) sees the types. */
    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    @Test
    void theSnapshotsFieldsAreThoseOfItsShape() throws IOException {
        Path golden = Path.of("src/test/resources/snapshots/project-shape-" + Project.SNAPSHOT_SHAPE + ".txt");
        String shape = shapeOf(Project.class);
        if (Boolean.getBoolean("tributary.snapshot-shape.write")) {
            // a shape's golden file is written once: other fields need another shape, never a rewritten file
            assertThat(!Files.exists(golden) || read(golden).equals(shape))
                    .as("shape %s already has a golden file with other fields: raise Project.SNAPSHOT_SHAPE",
                            Project.SNAPSHOT_SHAPE).isTrue();
            Files.writeString(golden, shape, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("the golden file of snapshot shape %s: a new shape needs one, written with"
                + " -Dtributary.snapshot-shape.write=true", Project.SNAPSHOT_SHAPE).exists();
        assertThat(shape).as("The fields of a project snapshot changed: raise Project.SNAPSHOT_SHAPE (a snapshot of"
                        + " the old fields would be read into the new ones) and write its golden file with"
                        + " -Dtributary.snapshot-shape.write=true")
                .isEqualTo(read(golden));
    }

    /** The golden file's text, whatever line ends a checkout gave it. */
    private static String read(Path golden) throws IOException {
        return Files.readString(golden, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    @Test
    void theShapeNamesNestedPropertiesAndTheirTypes() {
        assertThat(shapeOf(Project.class))
                .contains("Project.nodes: org.tributary.domain.project.ProjectNodes\n")
                .contains("Project.projectId: java.lang.Long\n");
    }

    @Test
    void aTypeStoredAsOneValueIsThatValue() {
        // a link's filter is stored as its regex (@JsonValue), not as its fields
        assertThat(shapeOf(Project.class)).contains("shared.LabelFilter = @JsonValue java.lang.String\n")
                .doesNotContain("LabelFilter.pattern");
    }

    /**
     * Every property Jackson stores, reachable from {@code root} through the domain's own types, as the snapshot
     * serializer sees them: {@code Type.property: type}, or {@code Type = @JsonValue type} for a type stored as one
     * value. A domain type stored as an interface or an abstract class (whose stored shape depends on the instance)
     * fails the walk: it would need its implementations listed.
     */
    static String shapeOf(Class<?> root) {
        List<String> lines = new ArrayList<>();
        Set<JavaType> seen = new HashSet<>();
        List<JavaType> pending = new ArrayList<>(List.of(MAPPER.constructType(root)));
        while (!pending.isEmpty()) {
            JavaType type = pending.remove(0);
            if (!seen.add(type)) {
                continue;
            }
            if (type.isContainerType() || type.isReferenceType()) {
                for (int i = 0; i < type.containedTypeCount(); i++) {
                    pending.add(type.containedType(i));
                }
                if (type.isArrayType()) {
                    pending.add(type.getContentType());
                }
                continue;
            }
            Class<?> raw = type.getRawClass();
            // JSON values (Object, String, numbers), and enums, stored by name: a constant's removal would break
            // the events that name it too
            if (!raw.getName().startsWith(DOMAIN) || raw.isEnum()) {
                continue;
            }
            String name = raw.getName().substring(DOMAIN.length()).replaceFirst("^project\\.", "");
            BeanDescription description = MAPPER.getSerializationConfig().introspect(type);
            AnnotatedMember value = description.findJsonValueAccessor();
            if (value != null) {
                lines.add(name + " = @JsonValue " + value.getType().toCanonical());
                pending.add(value.getType());
                continue;
            }
            assertThat(raw.isInterface() || Modifier.isAbstract(raw.getModifiers()))
                    .as("%s is stored by its instance's class: list its implementations in this test", raw)
                    .isFalse();
            for (BeanPropertyDefinition property : description.findProperties()) {
                if (property.couldSerialize()) {
                    lines.add(name + "." + property.getName() + ": " + property.getPrimaryType().toCanonical());
                    pending.add(property.getPrimaryType());
                }
            }
        }
        lines.sort(null);
        return String.join("\n", lines) + "\n";
    }
}
