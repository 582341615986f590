package org.tributary.access;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.List;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The access checks of a service ({@code @Import} it; the service gives a {@link ProjectAccess}, and an
 * {@link OpaqueCredentials} if keys or executors call it). Spring Security authenticates a bearer token — a JWT
 * checked against command-service's JWK set ({@code tributary.security.jwk-set-uri}; command-service gives its own
 * {@link JwtDecoder}), or an opaque {@code trb_} credential — and each handler's {@link Access} rule decides.
 * Stateless: no session, no cookie, so no CSRF to defend against.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
public class AccessConfiguration {

    /** Where access tokens come from: command-service's issuer, or an OpenID Connect provider's. */
    public static final String DEFAULT_ISSUER = "tributary";

    /**
     * @param ownCredentialPaths paths whose handlers take a bearer token of their own ({@link Access.Rule#HANDLER}:
     *                           a job's token, a read key), which Spring Security must leave to them
     */
    @Bean
    SecurityFilterChain accessFilterChain(HttpSecurity http, ObjectProvider<JwtDecoder> jwts,
                                          ObjectProvider<OpaqueCredentials> opaque,
                                          @Value("${tributary.security.own-credential-paths:}") List<String>
                                                  ownCredentialPaths) throws Exception {
        ProblemResponses problems = new ProblemResponses();
        AuthenticationManager manager = authenticationManager(jwts, opaque);
        List<RequestMatcher> own = ownCredentialPaths.stream().filter(p -> !p.isBlank())
                .map(p -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(p.strip())).toList();
        DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
        BearerTokenResolver resolver = request -> own.stream().anyMatch(m -> m.matches(request)) ? null
                : bearer.resolve(request);
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                // each handler's @Access rule decides (AccessInterceptor); the filters only establish who calls
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .oauth2ResourceServer(o -> o.authenticationManagerResolver(request -> manager)
                        .bearerTokenResolver(resolver)
                        .authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    private static AuthenticationManager authenticationManager(ObjectProvider<JwtDecoder> jwts,
                                                               ObjectProvider<OpaqueCredentials> opaque) {
        JwtDecoder decoder = jwts.getIfAvailable();
        JwtAuthenticationProvider jwt = decoder == null ? null
                : new JwtAuthenticationProvider(RememberedJwts.around(decoder));
        if (jwt != null) {
            jwt.setJwtAuthenticationConverter(new JwtCallers());
        }
        return authentication -> {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            if (token.startsWith(OpaqueCredentials.PREFIX)) {
                OpaqueCredentials credentials = opaque.getIfAvailable();
                Caller caller = credentials == null ? null : credentials.resolve(token).orElse(null);
                if (caller == null) {
                    throw new InvalidBearerTokenException("unknown, revoked or expired credential");
                }
                return new CallerAuthentication(caller);
            }
            if (jwt == null) {
                throw new InvalidBearerTokenException("this service takes no access tokens");
            }
            return jwt.authenticate(authentication);
        };
    }

    /** Access tokens checked with the signer's public keys, fetched (and re-fetched for a new key id) from its JWK set. */
    @Bean
    @ConditionalOnProperty("tributary.security.jwk-set-uri")
    JwtDecoder jwkSetDecoder(@Value("${tributary.security.jwk-set-uri}") String jwkSetUri,
                             @Value("${tributary.security.issuer:" + DEFAULT_ISSUER + "}") String issuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer)));
        return decoder;
    }

    /**
     * Spring Security's strict firewall, checking header names and values by {@link HeaderRules}' loops rather than
     * its regular expressions (the same rule). It replaces any {@code HttpFirewall} bean a service declares; one that
     * needs its own should start from {@link HeaderRules#firewall()}.
     */
    @Bean
    org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer headerRules() {
        org.springframework.security.web.firewall.StrictHttpFirewall firewall = HeaderRules.firewall();
        return web -> web.httpFirewall(firewall);
    }

    /**
     * No observation (span, timer) per security filter and per authorization: those cost a tenth of a request's
     * time on the hot path, and say nothing {@code http.server.requests} does not.
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings noSecurityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /** Spring Security's handler lookup in advance, which these services do not use, taken out. */
    @Bean
    static org.springframework.beans.factory.config.BeanFactoryPostProcessor noIntrospectorCache() {
        return new NoIntrospectorCache();
    }

    /** A service that keeps no projects (the executor) knows no members: no user has a role there. */
    @Bean
    AccessInterceptor accessInterceptor(ObjectProvider<ProjectAccess> projects) {
        return new AccessInterceptor(projects.getIfAvailable(() -> (userId, projectId) -> java.util.Optional.empty()));
    }

    @Bean
    WebMvcConfigurer accessChecks(AccessInterceptor interceptor) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor);
            }
        };
    }

    @Bean
    static AccessRules accessRules(ApplicationContext context) {
        return new AccessRules(context);
    }
}
