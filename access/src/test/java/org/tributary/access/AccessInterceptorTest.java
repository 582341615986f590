package org.tributary.access;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;
import org.tributary.domain.shared.ProjectRole;
import org.tributary.webedge.RefusedRequest;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each rule against each kind of caller, one behaviour per test. */
class AccessInterceptorTest {

    static final long PROJECT = 7, OTHER = 8, MEMBER = 21, STRANGER = 22;
    // made for each test, not once for the class, so that a mutant of the code that makes them is seen
    final AccessInterceptor INTERCEPTOR = new AccessInterceptor((userId, projectId) ->
            userId == MEMBER && projectId == PROJECT ? Optional.of(ProjectRole.EDITOR) : Optional.empty());

    final Caller ANONYMOUS = Caller.ANONYMOUS;
    final Caller MEMBER_USER = Caller.user(MEMBER, "ada", false);
    final Caller STRANGER_USER = Caller.user(STRANGER, "eve", false);
    final Caller ADMIN = Caller.user(1, "admin", true);
    final Caller VIEWER_KEY = Caller.apiKey(70, "dashboard", PROJECT, ProjectRole.VIEWER);
    final Caller EXECUTOR = Caller.executor(3, "local");

    static Access rule(Access.Rule rule, ProjectRole role, boolean usersOnly) {
        return new Access() {
            public Access.Rule value() {
                return rule;
            }

            public ProjectRole role() {
                return role;
            }

            public boolean usersOnly() {
                return usersOnly;
            }

            public String checkedBy() {
                return "";
            }

            public Class<? extends Annotation> annotationType() {
                return Access.class;
            }
        };
    }

    static Access rule(Access.Rule rule) {
        return rule(rule, ProjectRole.VIEWER, false);
    }

    static MockHttpServletRequest path(Map<String, String> variables) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, variables);
        return request;
    }

    static MockHttpServletRequest project(long id) {
        return path(Map.of("projectId", Long.toString(id)));
    }

    void assertRefused(Runnable check, HttpStatus status) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(RefusedRequest.class, refused -> {
            assertThat(refused.getStatusCode().value()).isEqualTo(status.value());
            assertThat(refused.field()).isEqualTo(status == HttpStatus.NOT_FOUND ? "project_id" : "authorization");
        });
    }

    void assertPasses(Runnable check) {
        assertThatCode(check::run).doesNotThrowAnyException();
    }

    @Test
    void publicAndHandlerRulesLetEveryoneThrough() {
        assertPasses(() -> INTERCEPTOR.check(rule(Access.Rule.PUBLIC), ANONYMOUS, path(Map.of())));
        assertPasses(() -> INTERCEPTOR.check(rule(Access.Rule.HANDLER), ANONYMOUS, path(Map.of())));
    }

    @Test
    void withoutCredentialsEveryOtherRuleIsA401WithAChallenge() {
        for (Access.Rule rule : new Access.Rule[] {Access.Rule.SIGNED_IN, Access.Rule.USER, Access.Rule.ADMIN,
                Access.Rule.EXECUTOR, Access.Rule.PROJECT}) {
            assertThatThrownBy(() -> INTERCEPTOR.check(rule(rule), ANONYMOUS,
                    path(Map.of("projectId", "7", "executorId", "3"))))
                    .isInstanceOfSatisfying(RefusedRequest.class, refused -> {
                        assertThat(refused.getStatusCode().value()).isEqualTo(401);
                        assertThat(refused.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
                    });
        }
    }

    @Test
    void signedInLetsAnyCredentialThrough() {
        for (Caller caller : new Caller[] {MEMBER_USER, VIEWER_KEY, EXECUTOR}) {
            assertPasses(() -> INTERCEPTOR.check(rule(Access.Rule.SIGNED_IN), caller, path(Map.of())));
        }
    }

    @Test
    void theUserRuleRefusesKeysAndExecutors() {
        assertPasses(() -> INTERCEPTOR.check(rule(Access.Rule.USER), STRANGER_USER, path(Map.of())));
        assertRefused(() -> INTERCEPTOR.check(rule(Access.Rule.USER), VIEWER_KEY, path(Map.of())),
                HttpStatus.FORBIDDEN);
        assertRefused(() -> INTERCEPTOR.check(rule(Access.Rule.USER), EXECUTOR, path(Map.of())),
                HttpStatus.FORBIDDEN);
    }

    @Test
    void theAdminRuleLetsOnlyAdminsThrough() {
        assertPasses(() -> INTERCEPTOR.check(rule(Access.Rule.ADMIN), ADMIN, path(Map.of())));
        assertRefused(() -> INTERCEPTOR.check(rule(Access.Rule.ADMIN), MEMBER_USER, path(Map.of())),
                HttpStatus.FORBIDDEN);
    }

    @Test
    void anExecutorActsOnlyUnderItsOwnId() {
        assertPasses(() -> INTERCEPTOR.check(rule(Access.Rule.EXECUTOR), EXECUTOR, path(Map.of("executorId", "3"))));
        assertRefused(() -> INTERCEPTOR.check(rule(Access.Rule.EXECUTOR), EXECUTOR,
                path(Map.of("executorId", "4"))), HttpStatus.FORBIDDEN);
        assertRefused(() -> INTERCEPTOR.check(rule(Access.Rule.EXECUTOR), ADMIN,
                path(Map.of("executorId", "3"))), HttpStatus.FORBIDDEN);
    }

    @Test
    void aProjectIsHiddenFromNonMembersAndExecutors() {
        assertRefused(() -> INTERCEPTOR.check(rule(Access.Rule.PROJECT), STRANGER_USER, project(PROJECT)),
                HttpStatus.NOT_FOUND);
        assertRefused(() -> INTERCEPTOR.check(rule(Access.Rule.PROJECT), EXECUTOR, project(PROJECT)),
                HttpStatus.NOT_FOUND);
        assertThatThrownBy(() -> INTERCEPTOR.check(rule(Access.Rule.PROJECT), STRANGER_USER, project(PROJECT)))
                .hasMessage("project 7 does not exist");
    }

    @Test
    void aMemberPassesUpToTheirRole() {
        assertPasses(() -> INTERCEPTOR.check(rule(Access.Rule.PROJECT, ProjectRole.EDITOR, false), MEMBER_USER,
                project(PROJECT)));
        assertRefused(() -> INTERCEPTOR.check(rule(Access.Rule.PROJECT, ProjectRole.OWNER, false), MEMBER_USER,
                project(PROJECT)), HttpStatus.FORBIDDEN);
    }

    @Test
    void anAdminIsOwnerOfEveryProject() {
        assertPasses(() -> INTERCEPTOR.check(rule(Access.Rule.PROJECT, ProjectRole.OWNER, true), ADMIN,
                project(OTHER)));
    }

    @Test
    void aKeyHasItsRoleOnItsOwnProjectOnly() {
        assertPasses(() -> INTERCEPTOR.check(rule(Access.Rule.PROJECT), VIEWER_KEY, project(PROJECT)));
        assertRefused(() -> INTERCEPTOR.check(rule(Access.Rule.PROJECT, ProjectRole.EDITOR, false), VIEWER_KEY,
                project(PROJECT)), HttpStatus.FORBIDDEN);
        assertRefused(() -> INTERCEPTOR.check(rule(Access.Rule.PROJECT), VIEWER_KEY, project(OTHER)),
                HttpStatus.NOT_FOUND);
    }

    @Test
    void aUsersOnlyRuleRefusesAKeyOfTheProject() {
        assertRefused(() -> INTERCEPTOR.check(rule(Access.Rule.PROJECT, ProjectRole.VIEWER, true), VIEWER_KEY,
                project(PROJECT)), HttpStatus.FORBIDDEN);
        assertPasses(() -> INTERCEPTOR.check(rule(Access.Rule.PROJECT, ProjectRole.VIEWER, true), MEMBER_USER,
                project(PROJECT)));
    }

    @Test
    void aPathIdThatIsNoIntegerIsA400NamingIt() {
        assertThatThrownBy(() -> INTERCEPTOR.check(rule(Access.Rule.PROJECT), MEMBER_USER,
                path(Map.of("projectId", "seven"))))
                .isInstanceOfSatisfying(RefusedRequest.class, refused -> {
                    assertThat(refused.getStatusCode().value()).isEqualTo(400);
                    assertThat(refused.field()).isEqualTo("project_id");
                });
    }

    @Test
    void aRuleWithoutItsPathVariableIsAMistakeOfTheService() {
        assertThatThrownBy(() -> INTERCEPTOR.check(rule(Access.Rule.PROJECT), MEMBER_USER, path(Map.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("projectId");
    }

    @Test
    void theEventsOfACallerNameIt() {
        assertThat(MEMBER_USER.principal()).isEqualTo("user:21");
        assertThat(VIEWER_KEY.principal()).isEqualTo("key:70");
        assertThat(EXECUTOR.principal()).isEqualTo("executor:3");
        assertThat(ANONYMOUS.principal()).isEqualTo("anonymous");
    }

    @Test
    void onlyAKeyHasAProjectAndARole() {
        assertThatThrownBy(() -> new Caller(Caller.Kind.USER, 1, "x", false, 7L, ProjectRole.VIEWER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Caller(Caller.Kind.API_KEY, 1, "x", false, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Caller(Caller.Kind.API_KEY, 1, "x", false, 7L, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Caller(Caller.Kind.EXECUTOR, 3, null, false, null, null).name()).isEmpty();
    }

    @Test
    void aMemberWithEnoughRoleSeesWhoTheyAreInARefusal() {
        assertThatThrownBy(() -> INTERCEPTOR.check(rule(Access.Rule.PROJECT, ProjectRole.OWNER, false),
                MEMBER_USER, project(PROJECT))).hasMessage("This needs the owner role on project 7; you are editor");
        assertThatThrownBy(() -> INTERCEPTOR.check(rule(Access.Rule.PROJECT, ProjectRole.EDITOR, false),
                VIEWER_KEY, project(PROJECT))).hasMessage("This needs the editor role on project 7; this key is viewer");
    }

    @Test
    void theCallersOfEachKindSayWhatTheyAre() {
        assertThat(MEMBER_USER.isUser()).isTrue();
        assertThat(MEMBER_USER.admin()).isFalse();
        assertThat(ADMIN.admin()).isTrue();
        assertThat(VIEWER_KEY.isUser()).isFalse();
        assertThat(VIEWER_KEY.projectId()).isEqualTo(PROJECT);
        assertThat(VIEWER_KEY.keyRole()).isEqualTo(ProjectRole.VIEWER);
        assertThat(EXECUTOR.isExecutor(3)).isTrue();
        assertThat(EXECUTOR.isExecutor(4)).isFalse();
        assertThat(MEMBER_USER.isExecutor(MEMBER)).isFalse();
        assertThat(EXECUTOR.name()).isEqualTo("local");
    }

    /** Handlers as a service declares them. */
    static class Handlers {
        @Access(Access.Rule.ADMIN)
        void admin() {
        }

        void undeclared() {
        }
    }

    @Access(Access.Rule.PUBLIC)
    static class PublicHandlers {
        void any() {
        }
    }

    static org.springframework.web.method.HandlerMethod handler(Object bean, String name) throws Exception {
        return new org.springframework.web.method.HandlerMethod(bean, bean.getClass().getDeclaredMethod(name));
    }

    @Test
    void theHandlersDeclaredRuleIsChecked() throws Exception {
        var response = new org.springframework.mock.web.MockHttpServletResponse();
        assertThatThrownBy(() -> INTERCEPTOR.preHandle(path(Map.of()), response, handler(new Handlers(), "admin")))
                .isInstanceOfSatisfying(RefusedRequest.class, r -> assertThat(r.getStatusCode().value())
                        .isEqualTo(401));
        assertThat(INTERCEPTOR.preHandle(path(Map.of()), response, handler(new PublicHandlers(), "any"))).isTrue();
    }

    @Test
    void aHandlerWithoutARuleIsClosed() throws Exception {
        var response = new org.springframework.mock.web.MockHttpServletResponse();
        assertThatThrownBy(() -> INTERCEPTOR.preHandle(path(Map.of()), response,
                handler(new Handlers(), "undeclared")))
                .isInstanceOfSatisfying(RefusedRequest.class, r -> assertThat(r.getStatusCode().value())
                        .isEqualTo(403));
    }

    @Test
    void whatIsNoHandlerMethodIsLeftToSpring() throws Exception {
        assertThat(INTERCEPTOR.preHandle(path(Map.of()), new org.springframework.mock.web.MockHttpServletResponse(),
                new Object())).isTrue();
    }
}
