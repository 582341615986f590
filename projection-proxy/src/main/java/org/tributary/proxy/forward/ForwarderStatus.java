package org.tributary.proxy.forward;

/**
 * The forwarder as health and metrics see it.
 *
 * @param state    starting, standby (another proxy forwards), forwarding, or failed (retrying)
 * @param position the highest global index forwarded, -1 before the position was read
 * @param caughtUp the last read found fewer events than a batch holds
 * @param error    why the last attempt failed, while it is being retried
 */
public record ForwarderStatus(State state, long position, boolean caughtUp, String error) {

    public enum State { STARTING, STANDBY, FORWARDING, FAILED }

    static ForwarderStatus starting() {
        return new ForwarderStatus(State.STARTING, -1, false, null);
    }

    ForwarderStatus standby() {
        return new ForwarderStatus(State.STANDBY, position, false, null);
    }

    ForwarderStatus at(long index, boolean caughtUp) {
        return new ForwarderStatus(State.FORWARDING, index, caughtUp, null);
    }

    ForwarderStatus failed(Exception cause) {
        return new ForwarderStatus(State.FAILED, position, false, String.valueOf(cause.getMessage()));
    }
}
