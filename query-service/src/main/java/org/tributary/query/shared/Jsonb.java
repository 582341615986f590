package org.tributary.query.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.util.List;

/** Writes and reads the JSONB columns of the read model. */
@Component
public class Jsonb {

    public static final TypeReference<List<Long>> IDS = new TypeReference<>() {
    };
    public static final TypeReference<List<FieldValue>> FIELDS = new TypeReference<>() {
    };
    public static final TypeReference<List<FileView>> FILES = new TypeReference<>() {
    };
    public static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };
    public static final TypeReference<com.fasterxml.jackson.databind.JsonNode> TREE = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    public Jsonb(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
        }
    }

    public JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }

    public <T> T read(String json, TypeReference<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON in the read model: " + json, e);
        }
    }

    public <T> T read(String json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON in the read model: " + json, e);
        }
    }
}
