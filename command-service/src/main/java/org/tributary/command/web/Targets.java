package org.tributary.command.web;

import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tributary.domain.shared.NotFound;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;

/**
 * The aggregate a command names was not there: no such id, or an id of another kind (a package's id where a
 * project's was expected, which Axon reports as an incompatible aggregate). Either way the client named something
 * that does not exist: 404, naming the field by the kind of aggregate the command is for.
 */
public final class Targets {

    private Targets() {
    }

    /** {@code project_id} for a command of {@code domain.project.api}, and so on. */
    public static String field(Class<?> commandType) {
        String name = commandType.getPackageName();
        if (name.contains(".project.")) {
            return "project_id";
        }
        if (name.contains(".job.")) {
            return "job_id";
        }
        if (name.contains(".datapackage.")) {
            return "package_id";
        }
        if (name.contains(".executor.")) {
            return "executor_id";
        }
        return "id";
    }

    static RuntimeException notFound(Object command, RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AggregateNotFoundException || t instanceof IncompatibleAggregateException) {
                String field = field(command.getClass());
                return new NotFound(field, "there is no " + field.replace("_id", "") + " " + targetId(command));
            }
        }
        return failure;
    }

    private static Object targetId(Object command) {
        RecordComponent[] components = command.getClass().getRecordComponents();
        for (RecordComponent component : components == null ? new RecordComponent[0] : components) {
            try {
                Field field = command.getClass().getDeclaredField(component.getName());
                if (field.isAnnotationPresent(TargetAggregateIdentifier.class)) {
                    return component.getAccessor().invoke(command);
                }
            } catch (ReflectiveOperationException e) {
                return "with that id";
            }
        }
        return "with that id";
    }
}
