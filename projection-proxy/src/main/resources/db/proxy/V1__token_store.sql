-- Axon's JDBC token store (the DDL of PostgresTokenTableFactory): the proxy's position in command-service's event
-- store. It advances only in the transaction that follows the broker's confirms of a whole batch.
CREATE TABLE tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorname, segment)
);
