package org.tributary.domain.shared;

/** A message about one project; the projection proxy puts this id into the routing key. */
public interface ProjectScoped {
    long projectId();
}
