package org.tributary.query.project;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** @param isPersonal {@code kind} is personal: seen by its maker alone */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DataLayerView(long id, String label, String kind, boolean isActive, String description,
                            boolean isPersonal) {
}
