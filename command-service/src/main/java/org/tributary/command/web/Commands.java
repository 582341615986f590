package org.tributary.command.web;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import org.tributary.command.config.AggregateVersions;

/** Sends commands and waits, so that a refusal reaches the client as a problem and nothing is written. */
@Component
public class Commands {

    private final CommandGateway gateway;

    public Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command) {
        try {
            return gateway.sendAndWait(command);
        } catch (RuntimeException e) {
            throw Targets.notFound(command, e);
        }
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
