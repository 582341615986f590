package org.tributary.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.tributary.domain.shared.ProjectRole;
import org.tributary.webedge.RefusedRequest;

import java.util.Map;
import java.util.Optional;

/** Checks the handler's {@link Access} rule against the request's {@link Caller} before the handler runs. */
public class AccessInterceptor implements HandlerInterceptor {

    private final ProjectAccess projects;

    public AccessInterceptor(ProjectAccess projects) {
        this.projects = projects;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || AccessRules.isFramework(method)) {
            return true;
        }
        Access access = AccessRules.of(method);
        if (access == null) {
            // AccessRules refuses to start a service with such a handler; should one appear anyway, it is closed
            throw Refusals.forbidden("This operation declares no access rule");
        }
        check(access, Callers.current(), request);
        return true;
    }

    void check(Access access, Caller caller, HttpServletRequest request) {
        switch (access.value()) {
            case PUBLIC, HANDLER -> {
            }
            case SIGNED_IN -> signedIn(caller);
            case USER -> {
                signedIn(caller);
                if (!caller.isUser()) {
                    throw Refusals.forbidden("Only a signed-in user may do this, not an API key or an executor");
                }
            }
            case ADMIN -> {
                signedIn(caller);
                if (!caller.admin()) {
                    throw Refusals.forbidden("Only a platform admin may do this");
                }
            }
            case EXECUTOR -> {
                signedIn(caller);
                long executorId = pathId(request, "executorId");
                if (!caller.isExecutor(executorId)) {
                    throw Refusals.forbidden("Only executor " + executorId + ", with its own credential, may do this");
                }
            }
            case PROJECT -> {
                signedIn(caller);
                long projectId = pathId(request, "projectId");
                ProjectRole role = roleOf(caller, projectId).orElseThrow(() -> Refusals.noProject(projectId));
                if (access.usersOnly() && !caller.isUser()) {
                    throw Refusals.forbidden("Only a signed-in member may do this, not an API key");
                }
                if (!role.includes(access.role())) {
                    throw Refusals.forbidden("This needs the " + access.role().wireName() + " role on project "
                            + projectId + "; " + (caller.isUser() ? "you are " : "this key is ") + role.wireName());
                }
            }
            default -> throw new IllegalStateException("unknown rule " + access.value());
        }
    }

    /** The caller's role on the project: a key's on its own project, an admin's everywhere, a member's. */
    public Optional<ProjectRole> roleOf(Caller caller, long projectId) {
        return roleOf(caller, projectId, projects);
    }

    /** The same, for a handler that judges a project it finds itself (a job's, say). */
    public static Optional<ProjectRole> roleOf(Caller caller, long projectId, ProjectAccess projects) {
        return switch (caller.kind()) {
            case API_KEY -> caller.projectId() == projectId ? Optional.of(caller.keyRole()) : Optional.empty();
            case USER -> caller.admin() ? Optional.of(ProjectRole.OWNER) : projects.roleOf(caller.id(), projectId);
            case EXECUTOR, ANONYMOUS -> Optional.empty();
        };
    }

    private static void signedIn(Caller caller) {
        if (caller.kind() == Caller.Kind.ANONYMOUS) {
            throw Refusals.unauthenticated();
        }
    }

    private static long pathId(HttpServletRequest request, String name) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        Object value = variables instanceof Map<?, ?> map ? map.get(name) : null;
        if (value == null) {
            throw new IllegalStateException("the access rule needs the path variable " + name);
        }
        try {
            return Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            String field = RefusedRequest.Problems.field(name);
            throw new RefusedRequest(HttpStatus.BAD_REQUEST, field, field + " must be an integer");
        }
    }
}
