package org.tributary.access;

import org.tributary.domain.shared.ProjectRole;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a handler; every handler of a service declares one (on the method, or on its controller for all of
 * its methods), and a service with a handler that declares none does not start ({@link AccessRules}). Checked by
 * {@link AccessInterceptor} before the handler runs; without credentials a refusal is a 401, with credentials that
 * lack the right a 403, and a project the caller may not see is a 404, as if it did not exist.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Access {

    Rule value();

    /** For {@link Rule#PROJECT}: the least role on the project named by the path's {@code projectId}. */
    ProjectRole role() default ProjectRole.VIEWER;

    /** For {@link Rule#PROJECT}: only a signed-in member, not an API key (managing members and keys). */
    boolean usersOnly() default false;

    /** For {@link Rule#HANDLER}: how the handler checks its caller, for the reader (and the matrix test). */
    String checkedBy() default "";

    enum Rule {
        /** Anyone, with or without credentials (log in, the JWK set, the API documents). */
        PUBLIC,
        /** Any caller with valid credentials; what it answers depends on who (a list of the caller's projects). */
        SIGNED_IN,
        /** A signed-in user (not a key, not an executor). */
        USER,
        /** A platform admin. */
        ADMIN,
        /** A user or key with at least {@link #role()} on the project of the path's {@code projectId}. */
        PROJECT,
        /** The executor named by the path's {@code executorId}, with its own credential. */
        EXECUTOR,
        /** The handler checks a credential of its own (a job's token, a read key); {@link #checkedBy()} says which. */
        HANDLER
    }
}
