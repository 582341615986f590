package org.tributary.standalone.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo: project {@value #NAME} with the graph {@code generate → square → plot}, joined by push links, and one
 * package posted at {@code generate}, so that three jobs run at once. Made through the gateway's public API, the
 * path a user's own scripts take. The node scripts need only bash and the usual text tools (seq, awk, grep).
 * <p>
 * {@code generate} writes two packages; the link to {@code square} lets only {@code numbers-…} through (a filter)
 * and renames its file {@code numbers.txt} to {@code values.txt} and its field {@code count} to {@code n} (a
 * mapping). {@code square} squares the values; {@code plot} draws them as a text bar chart.
 */
public final class DemoProject {

    public static final String NAME = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoProject.class);
    private static final String IMAGE = "debian:12-slim";

    static final String GENERATE = """
            set -eu
            pkg=$(ls -d in/*/ | head -1)
            count=$(grep -o '"count"[^,}]*' "$pkg/fields.json" | grep -o '[0-9][0-9]*' | head -1 || true)
            count=${count:-10}
            label=$(cat "$pkg/label")
            mkdir -p out/1/files out/2
            seq 1 "$count" > out/1/files/numbers.txt
            printf 'numbers-%s' "$label" > out/1/label
            printf '{"count": %d}' "$count" > out/1/fields.json
            printf 'stats-%s' "$label" > out/2/label
            printf '{"count": %d, "note": "the link to square filters this one out"}' "$count" > out/2/fields.json
            echo "generated $count numbers"
            """;

    static final String SQUARE = """
            set -eu
            pkg=$(ls -d in/*/ | head -1)
            mkdir -p out/1/files
            awk '{ print $1 * $1 }' "$pkg/files/values.txt" > out/1/files/squares.txt
            sum=$(awk '{ s += $1 } END { print s + 0 }' out/1/files/squares.txt)
            n=$(grep -o '"n"[^,}]*' "$pkg/fields.json" | grep -o '[0-9][0-9]*' | head -1 || true)
            printf 'squares' > out/1/label
            printf '{"n": %d, "sum": %d}' "${n:-0}" "$sum" > out/1/fields.json
            echo "sum of squares: $sum"
            """;

    static final String PLOT = """
            set -eu
            pkg=$(ls -d in/*/ | head -1)
            mkdir -p out/1/files
            awk '{ v[NR] = $1; if ($1 > max) max = $1 }
                 END { for (i = 1; i <= NR; i++) {
                         bar = ""; for (j = 0; j < int(50 * v[i] / (max ? max : 1)); j++) bar = bar "#"
                         printf "%3d | %-50s %d\\n", i, bar, v[i] } }' "$pkg/files/squares.txt" > out/1/files/plot.txt
            printf 'plot' > out/1/label
            printf '{"points": %d}' "$(wc -l < "$pkg/files/squares.txt")" > out/1/fields.json
            cat out/1/files/plot.txt
            """;

    /** What was made: ids a user (or a test) can follow. */
    public record Seeded(long project, long layer, long generate, long square, long plot, long pkg) {
    }

    private DemoProject() {
    }

    /** Who seeds the demo and owns it: the platform's first admin. */
    public record Owner(String login, String password) {
        @Override
        public String toString() {
            return "Owner[" + login + "]";
        }
    }

    /** Seeds the demo, owned by {@code owner}, unless a project of that name exists (a restart, a user's own). */
    public static Optional<Seeded> seedOnce(String gatewayUrl, long executorId, Owner owner) {
        Api api = new Api(gatewayUrl).signIn(owner.login(), owner.password());
        for (JsonNode project : api.call("GET", "/api/projects?page_size=1000", null).get("items")) {
            if (NAME.equals(project.get("name").asText())) {
                return Optional.empty();
            }
        }
        return Optional.of(seed(api, executorId));
    }

    private static Seeded seed(Api api, long executorId) {
        JsonNode project = api.call("POST", "/api/projects", Map.of("name", NAME, "executor_id", executorId));
        long p = project.get("id").asLong();
        long layer = project.get("main_data_layer_id").asLong();
        long version = project.get("version").asLong();

        JsonNode generate = node(api, p, "generate", GENERATE, 0, version);
        JsonNode square = node(api, p, "square", SQUARE, 260, generate.get("version").asLong());
        JsonNode plot = node(api, p, "plot", PLOT, 520, square.get("version").asLong());
        long g = generate.get("id").asLong();
        long s = square.get("id").asLong();
        long pl = plot.get("id").asLong();

        version = api.call("POST", "/api/projects/" + p + "/links", Map.of("from_node_id", g, "to_node_id", s,
                "type", "push", "package_filter", "^numbers-",
                "mapping", Map.of("values.txt", "numbers.txt", "n", "count"),
                "version", plot.get("version").asLong())).get("version").asLong();
        api.call("POST", "/api/projects/" + p + "/links", Map.of("from_node_id", s, "to_node_id", pl,
                "type", "push", "version", version));

        long pkg = api.call("POST", "/api/projects/" + p + "/nodes/" + g + "/packages?data_layer_id=" + layer,
                Map.of("label", "run-1", "fields", Map.of("count", 12), "files", List.of())).get("id").asLong();
        log.info("seeded project {} ({}): generate {} → square {} → plot {}, package {}", NAME, p, g, s, pl, pkg);
        return new Seeded(p, layer, g, s, pl, pkg);
    }

    /**
     * Waits until each of the demo's nodes has one job in a final status (Processed, Error, Dead), or the patience
     * runs out; answers each node's job status by node label ("none" where no job was made yet).
     */
    public static Map<String, String> awaitJobs(String gatewayUrl, Seeded demo, Owner owner, Duration patience) {
        Api api = new Api(gatewayUrl).signIn(owner.login(), owner.password());
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Map<String, String> status = new LinkedHashMap<>();
            status.put("generate", jobStatus(api, demo, demo.generate()));
            status.put("square", jobStatus(api, demo, demo.square()));
            status.put("plot", jobStatus(api, demo, demo.plot()));
            if (status.values().stream().allMatch(s -> FINAL.contains(s)) || System.nanoTime() > deadline) {
                return status;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
        }
    }

    private static final List<String> FINAL = List.of("Processed", "Error", "Dead");

    private static String jobStatus(Api api, Seeded demo, long node) {
        JsonNode jobs = api.call("GET", "/api/projects/" + demo.project() + "/nodes/" + node + "/jobs?data_layer_id="
                + demo.layer(), null);
        if (jobs.get("total").asInt() == 0) {
            return "none";
        }
        return jobs.get("items").get(0).get("status").asText();
    }

    private static JsonNode node(Api api, long project, String label, String script, int x, long version) {
        return api.call("POST", "/api/projects/" + project + "/nodes", Map.of("label", label, "kind", "compute",
                "container", Map.of("image", IMAGE, "script", script), "x", x, "y", 0, "version", version));
    }
}
