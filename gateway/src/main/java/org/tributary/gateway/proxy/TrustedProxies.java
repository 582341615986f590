package org.tributary.gateway.proxy;

import org.tributary.webedge.IpLiterals;

import java.util.ArrayList;
import java.util.List;

/**
 * The proxies in front of the gateway whose {@code X-Forwarded-*} headers it believes (an ingress, a load balancer),
 * as addresses or CIDR ranges ({@code tributary.gateway.trusted-proxies}). Any other peer is the client itself: what
 * it says in those headers is its own invention, and passing it on would let it pick the address the login throttle
 * counts against, or the host the services write into their links.
 * <p>
 * Only literal addresses are read, never names: a header's value never causes a DNS lookup.
 */
public final class TrustedProxies {

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** None: every peer is a client. */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /**
     * @param specs addresses ({@code 10.0.0.7}, {@code ::1}) or ranges ({@code 10.0.0.0/8}, {@code fd00::/8})
     * @throws IllegalArgumentException naming the first that is neither
     */
    public static TrustedProxies of(List<String> specs) {
        List<Range> ranges = new ArrayList<>();
        for (String spec : specs == null ? List.<String>of() : specs) {
            if (spec == null || spec.isBlank()) {
                continue;
            }
            String text = spec.strip();
            int slash = text.indexOf('/');
            byte[] network = IpLiterals.parse(slash < 0 ? text : text.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("tributary.gateway.trusted-proxies: '" + spec
                        + "' is not an IP address or CIDR range");
            }
            int bits = network.length * 8;
            if (slash >= 0) {
                String prefix = text.substring(slash + 1);
                if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
                    throw new IllegalArgumentException("tributary.gateway.trusted-proxies: '" + spec
                            + "' has a prefix length that is not 0 to " + bits);
                }
                bits = Integer.parseInt(prefix);
            }
            ranges.add(new Range(network, bits));
        }
        return new TrustedProxies(ranges);
    }

    /** Whether {@code address} (a literal, as the connection's peer or a hop in {@code X-Forwarded-For}) is trusted. */
    public boolean trusts(String address) {
        byte[] bytes = IpLiterals.parse(address);
        return bytes != null && ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    /**
     * The client's address: the peer's, unless the peer is a trusted proxy; then the hops of {@code X-Forwarded-For}
     * (every header's, in order) are read from the right, past trusted proxies, to the first that is not one. A hop
     * that is no address ends the walk at the hop after it, the last one a trusted proxy vouched for.
     */
    public String client(String peer, List<String> forwardedFor) {
        if (!trusts(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (IpLiterals.parse(hops.get(i)) == null) {
                return client;
            }
            client = hops.get(i);
            if (!trusts(client)) {
                return client;
            }
        }
        return client;
    }
}
