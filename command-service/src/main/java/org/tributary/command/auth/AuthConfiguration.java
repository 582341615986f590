package org.tributary.command.auth;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.tributary.access.AccessConfiguration;
import org.tributary.command.web.Commands;

import java.time.Clock;

/** Accounts, tokens and access checks of command-service (docs/decisions/0015). */
@Configuration(proxyBeanMethods = false)
@Import(AccessConfiguration.class)
public class AuthConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuthConfiguration.class);

    /** Spring Security's delegating encoder: bcrypt today, "{id}"-prefixed hashes so the choice can change. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Axon's own correlation (trace and correlation ids), kept beside ours. */
    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    /**
     * The acting principal ({@link Commands} puts it on each command) goes on every event the command causes, and
     * on what handlers of those events send in turn: routing's jobs carry the principal of the package's poster.
     */
    @Bean
    CorrelationDataProvider principalCorrelation() {
        return new SimpleCorrelationDataProvider(Commands.PRINCIPAL);
    }

    /**
     * The first admin: made at start when {@code tributary.security.admin.password} is set and no admin exists
     * yet (the standalone run sets it; in a cluster it comes from a Secret). Its password is never logged.
     */
    @Bean
    ApplicationRunner firstAdmin(Accounts accounts,
                                 @Value("${tributary.security.admin.login:admin}") String login,
                                 @Value("${tributary.security.admin.password:}") String password,
                                 @Value("${tributary.security.admin.email:admin@tributary.local}") String email) {
        return args -> {
            if (password.isEmpty() || accounts.anyAdmin()) {
                return;
            }
            if (accounts.find(login).isPresent()) {
                log.warn("no admin exists, and the login {} is taken by a user: no admin was made", login);
                return;
            }
            accounts.register(login, password, "Administrator", email, true);
            log.info("made the first admin account, {}", login);
        };
    }
}
