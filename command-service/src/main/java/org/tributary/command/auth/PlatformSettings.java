package org.tributary.command.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * What an admin switches at run time ({@code platform_setting}); for now whether anyone may register, which starts
 * as {@code tributary.security.open-registration} (true by default) until an admin changes it.
 */
@Component
public class PlatformSettings {

    private static final String OPEN_REGISTRATION = "open_registration";

    private final JdbcTemplate jdbc;
    private final boolean openByDefault;

    public PlatformSettings(JdbcTemplate jdbc,
                            @Value("${tributary.security.open-registration:true}") boolean openByDefault) {
        this.jdbc = jdbc;
        this.openByDefault = openByDefault;
    }

    public boolean openRegistration() {
        List<String> values = jdbc.queryForList("SELECT value FROM platform_setting WHERE name = ?", String.class,
                OPEN_REGISTRATION);
        return values.isEmpty() ? openByDefault : Boolean.parseBoolean(values.get(0));
    }

    public void openRegistration(boolean open) {
        jdbc.update("INSERT INTO platform_setting (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE "
                + "SET value = EXCLUDED.value", OPEN_REGISTRATION, Boolean.toString(open));
    }
}
