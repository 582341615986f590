package org.tributary.webedge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads request bodies strictly: one JSON value and nothing after it, no byte-order mark, no duplicate keys, no
 * coercion between scalar types ({@code 2} is not {@code true}, {@code 1} is not {@code "1"}), no NUL character in
 * any name or string (PostgreSQL cannot store one), at most {@link #maxBytes} bytes (413 beyond) and
 * {@value #MAX_DEPTH} levels of nesting. Clients of the original platform often send JSON without a
 * {@code Content-Type} or as {@code application/octet-stream} ({@code shared/contract/user-api.md}); such bodies are
 * read as JSON too. Responses are written as before, with the service's own {@link ObjectMapper}.
 */
public class StrictJsonConverter extends MappingJackson2HttpMessageConverter {

    /** A JSON request body may be at most this large unless the service says otherwise. */
    public static final int DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
    static final int MAX_DEPTH = 64;

    private final ObjectMapper reader;
    private final int maxBytes;
    private final boolean refuseNul;

    /**
     * @param refuseNul false where the service keeps text that may hold binary output (a job's log tail) and makes
     *                  it storable itself
     */
    public StrictJsonConverter(ObjectMapper mapper, int maxBytes, boolean refuseNul) {
        super(mapper);
        this.reader = strict(mapper.copy());
        this.maxBytes = maxBytes;
        this.refuseNul = refuseNul;
    }

    static ObjectMapper strict(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.String, CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.Float,
                CoercionInputShape.Boolean, CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean,
                CoercionInputShape.EmptyString);
        return mapper;
    }

    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }

    @Override
    public boolean canRead(Class<?> clazz, MediaType mediaType) {
        return super.canRead(clazz, asJson(mediaType));
    }

    @Override
    public boolean canRead(Type type, Class<?> contextClass, MediaType mediaType) {
        return super.canRead(type, contextClass, asJson(mediaType));
    }

    private static MediaType asJson(MediaType mediaType) {
        return mediaType == null || MediaType.APPLICATION_OCTET_STREAM.equalsTypeAndSubtype(mediaType)
                ? MediaType.APPLICATION_JSON : mediaType;
    }

    @Override
    public Object read(Type type, Class<?> contextClass, HttpInputMessage input) throws IOException {
        return parse(bounded(input.getBody()), getJavaType(type, contextClass), input);
    }

    @Override
    protected Object readInternal(Class<?> clazz, HttpInputMessage input) throws IOException {
        return parse(bounded(input.getBody()), getJavaType(clazz, null), input);
    }

    private byte[] bounded(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            RefusedRequest.drain(body);
            throw new RefusedRequest(HttpStatus.PAYLOAD_TOO_LARGE, "body",
                    "the body may be at most " + maxBytes + " bytes");
        }
        return bytes;
    }

    Object parse(byte[] bytes, JavaType type, HttpInputMessage input) {
        if (startsWithByteOrderMark(bytes)) {
            throw new RefusedRequest(HttpStatus.BAD_REQUEST, "body",
                    "the body starts with a byte-order mark; send UTF-8 JSON without one");
        }
        JsonNode tree;
        try {
            tree = reader.readTree(bytes);
        } catch (StreamConstraintsException e) {
            throw new RefusedRequest(HttpStatus.BAD_REQUEST, "body", "the body is nested too deeply or holds too "
                    + "long a value: " + e.getOriginalMessage());
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new RefusedRequest(HttpStatus.BAD_REQUEST, "body", "the body is not valid JSON: " + why);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new RefusedRequest(HttpStatus.BAD_REQUEST, "body", "the body is empty; send a JSON value");
        }
        requireStorable(tree, "", refuseNul);
        try {
            return reader.readerFor(type).readValue(reader.treeAsTokens(tree));
        } catch (JsonMappingException e) {
            // the services name the field from the path, or from a refusal of the model inside (the cause)
            throw new HttpMessageNotReadableException("JSON of the wrong shape: " + e.getOriginalMessage(), e, input);
        } catch (IOException e) {
            throw new RefusedRequest(HttpStatus.BAD_REQUEST, "body", "the body is not valid JSON: " + e.getMessage());
        }
    }

    private static boolean startsWithByteOrderMark(byte[] b) {
        return (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf)
                || (b.length >= 2 && (((b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff)
                || ((b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe)));
    }

    /**
     * PostgreSQL stores no NUL in text or jsonb: one would fail the read models, so it never gets in ({@code refuseNul}).
     * A number beyond a double's range ({@code 1e400}) would be read as infinity, which no JSON can hold again and
     * no limit can be checked against: refused everywhere, naming where it is.
     */
    private static void requireStorable(JsonNode node, String path, boolean refuseNul) {
        if (node.isTextual()) {
            if (refuseNul && node.textValue().indexOf('\0') >= 0) {
                String field = path.isEmpty() ? "body" : path;
                throw new RefusedRequest(HttpStatus.BAD_REQUEST, field, field + " must not contain a NUL character");
            }
        } else if (node.isFloatingPointNumber()) {
            if (!Double.isFinite(node.doubleValue())) {
                String field = path.isEmpty() ? "body" : path;
                throw new RefusedRequest(HttpStatus.BAD_REQUEST, field, field + " is a number beyond what a double "
                        + "holds (about ±1.8e308)");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String name = entry.getKey();
                String field = path.isEmpty() ? name : path + "." + name;
                if (refuseNul && name.indexOf('\0') >= 0) {
                    String at = path.isEmpty() ? "body" : path;
                    throw new RefusedRequest(HttpStatus.BAD_REQUEST, at, "a name in " + at
                            + " contains a NUL character");
                }
                requireStorable(entry.getValue(), field, refuseNul);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireStorable(node.get(i), path + "[" + i + "]", refuseNul);
            }
        }
    }
}
