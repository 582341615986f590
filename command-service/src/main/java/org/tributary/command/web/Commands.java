package org.tributary.command.web;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.tributary.access.Caller;
import org.tributary.access.Callers;
import org.tributary.command.config.AggregateVersions;

/**
 * Sends commands and waits, so that a refusal reaches the client as a problem and nothing is written. Each command
 * carries who asked for it ({@link #PRINCIPAL}: {@code user:7}, {@code key:12}, {@code executor:3}), which Axon
 * copies onto the events it causes; a command the platform sends by itself carries {@code system}.
 */
@Component
public class Commands {

    public static final String PRINCIPAL = "principal";

    private final CommandGateway gateway;

    public Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command) {
        try {
            Caller caller = Callers.current();
            String principal = caller.kind() == Caller.Kind.ANONYMOUS ? "system" : caller.principal();
            return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(MetaData.with(PRINCIPAL, principal)));
        } catch (RuntimeException e) {
            throw Targets.notFound(command, e);
        }
    }

    /** What an edit that created something answers: the new id and the aggregate's version afterwards. */
    public record Creation(long id, long version) {
    }

    /** Sends an edit that creates something inside an existing aggregate (a node, a link) under a new id. */
    public Creation create(Object command, long expectedVersion) {
        Object answer = send(command);
        if (answer instanceof AggregateVersions.Version v && v.created() != null) {
            return new Creation(v.created(), v.sequence() != null ? v.sequence() : expectedVersion);
        }
        throw new IllegalStateException(command.getClass().getSimpleName() + " created nothing");
    }

    /** Sends an edit of an existing aggregate; answers its version afterwards. */
    public long edit(Object command, long expectedVersion) {
        Object version = send(command);
        if (version instanceof AggregateVersions.Version v && v.sequence() != null) {
            return v.sequence();
        }
        return expectedVersion;
    }
}
