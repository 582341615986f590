package org.tributary.domain.shared;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.tributary.domain.project.api.CreateLink;
import org.tributary.domain.project.api.CreateNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Value objects validate while Jackson builds them, so a bad value in a request body arrives as a
 * {@link JsonMappingException} whose cause is the domain's refusal: services unwrap it to answer 400 with the field.
 */
class JsonRefusalsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static void refusedWithCause(String json, Class<?> type, String field) {
        assertThatThrownBy(() -> MAPPER.readValue(json, type))
                .isInstanceOf(JsonMappingException.class)
                .cause().isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void invalidFilterRegex() {
        refusedWithCause("{\"projectId\":1,\"linkId\":2,\"fromNodeId\":3,\"toNodeId\":4,\"packageFilter\":\"run-(\"}",
                CreateLink.class, "package_filter");
    }

    @Test
    void unknownEnumValue() {
        refusedWithCause("{\"projectId\":1,\"nodeId\":2,\"label\":\"a\",\"kind\":\"query\"}", CreateNode.class, "kind");
    }

    @Test
    void invalidContainer() {
        refusedWithCause("{\"projectId\":1,\"nodeId\":2,\"label\":\"a\",\"kind\":\"compute\","
                + "\"container\":{\"image\":\"alpine\",\"memory\":\"0Mi\",\"cores\":1}}", CreateNode.class,
                "container.memory");
    }

    @Test
    void absentOptionalEnumsStayAbsent() throws Exception {
        CreateNode node = MAPPER.readValue("{\"projectId\":1,\"nodeId\":2,\"label\":\"a\",\"kind\":\"compute\","
                + "\"container\":{\"image\":\"alpine\",\"cores\":1,\"imagePullPolicy\":null,\"priority\":null}}",
                CreateNode.class);

        assertThat(node.container().imagePullPolicy()).isNull();
        assertThat(node.container().priority()).isEqualTo(Priority.NORMAL);
        assertThat(node.container().memory()).isEqualTo(ContainerSpec.DEFAULT_MEMORY);
    }
}
