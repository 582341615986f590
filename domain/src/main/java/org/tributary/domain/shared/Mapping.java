package org.tributary.domain.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A link's renaming of fields and files, written {@code {"newName": "oldName"}}. Names the mapping does not
 * mention pass unchanged; a mapped old name arrives only under its new name(s). Where a renamed field or file
 * lands on a name that is already there, the renamed one wins, so a package never holds one name twice.
 */
public final class Mapping {

    public static final Mapping NONE = new Mapping(Map.of());

    private final Map<String, String> newToOld;

    private Mapping(Map<String, String> newToOld) {
        this.newToOld = newToOld;
    }

    @JsonCreator
    public static Mapping of(Map<String, String> newToOld) {
        if (newToOld == null || newToOld.isEmpty()) {
            return NONE;
        }
        Map<String, String> copy = new LinkedHashMap<>();
        newToOld.forEach((newName, oldName) -> {
            Check.notBlank("mapping", newName, Fields.MAX_NAME_LENGTH);
            // a new name may become a file name, so it must not be able to escape the package folder;
            // finding that out when a package travels the link would stall routing
            Check.relativePath("mapping", newName);
            Check.notBlank("mapping." + newName, oldName, Fields.MAX_NAME_LENGTH);
            copy.put(newName, oldName);
        });
        return new Mapping(Collections.unmodifiableMap(copy));
    }

    @JsonValue
    public Map<String, String> asMap() {
        return newToOld;
    }

    public Map<String, Object> applyToFields(Map<String, Object> fields) {
        Map<String, Object> result = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (!newToOld.containsValue(name)) {
                result.put(name, value);
            }
        });
        newToOld.forEach((newName, oldName) -> {
            if (fields.containsKey(oldName)) {
                result.put(newName, fields.get(oldName));
            }
        });
        return Collections.unmodifiableMap(result);
    }

    public List<FileRef> applyToFiles(List<FileRef> files) {
        Set<String> present = new HashSet<>();
        files.forEach(file -> present.add(file.name()));
        Set<String> replaced = new HashSet<>();
        newToOld.forEach((newName, oldName) -> {
            if (present.contains(oldName)) {
                replaced.add(newName);
            }
        });
        List<FileRef> result = new ArrayList<>();
        for (FileRef file : files) {
            if (!newToOld.containsValue(file.name()) && !replaced.contains(file.name())) {
                result.add(file);
            }
        }
        newToOld.forEach((newName, oldName) -> {
            for (FileRef file : files) {
                if (file.name().equals(oldName)) {
                    result.add(file.renamed(newName));
                }
            }
        });
        return List.copyOf(result);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mapping other && newToOld.equals(other.newToOld);
    }

    @Override
    public int hashCode() {
        return newToOld.hashCode();
    }

    @Override
    public String toString() {
        return newToOld.toString();
    }
}
