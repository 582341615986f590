package org.tributary.domain.shared;

/** A message meant for one executor; the projection proxy puts this id into the routing key. */
public interface ExecutorAddressed {
    long executorId();
}
