package org.tributary.domain.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A GPU vendor, with the Kubernetes extended resource that requests it. */
public enum GpuKind {
    NVIDIA("nvidia", "nvidia.com/gpu"),
    AMD("amd", "amd.com/gpu");

    private final String wireName;
    private final String resourceName;

    GpuKind(String wireName, String resourceName) {
        this.wireName = wireName;
        this.resourceName = resourceName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public String resourceName() {
        return resourceName;
    }

    @JsonCreator
    public static GpuKind of(String value) {
        for (GpuKind kind : values()) {
            if (kind.wireName.equalsIgnoreCase(value)) {
                return kind;
            }
        }
        throw new InvalidInput("gpu_kind", "gpu_kind must be one of nvidia, amd");
    }
}
