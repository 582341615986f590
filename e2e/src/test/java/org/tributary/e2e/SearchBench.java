package org.tributary.e2e;

import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Package search with many packages at a node: query-service on the e2e platform, its read model filled with
 * {@code packages} packages at one node (and one job for every other package, for the job-count filter) written
 * straight into its tables, then each kind of search the original platform's clients send, timed from request to
 * answer. Prints p50/p99 per kind, and the same page read by plain SQL as the reference. Not a test: run with
 * bench/search/run.sh.
 */
public final class SearchBench {

    public static void main(String[] args) throws Exception {
        int packages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        try (Platform platform = new Platform()) {
            platform.startWriteSide();
            Api command = Api.register(Platform.url(platform.command), "search-bench");
            Api.DataNode data = command.dataNode("search-bench", "data");
            long p = data.project();
            long layer = data.layer();
            long node = data.node();
            JdbcTemplate jdbc = platform.query.getBean(JdbcTemplate.class);
            while (jdbc.queryForObject("SELECT count(*) FROM node WHERE id = ?", Long.class, node) == 0) {
                Thread.sleep(50);
            }
            long first = 1_000_000_000L;
            jdbc.update("""
                    INSERT INTO package (id, project_id, node_id, layer_id, label, fields, files, parents, origin,
                        created_at)
                    SELECT ? + g, ?, ?, ?, 'pkg-' || g,
                        jsonb_build_array(jsonb_build_object('name', 'i', 'value', g),
                                          jsonb_build_object('name', 'note', 'value', 'run ' || (g % 100))),
                        '[]', '[]', 'uploaded', now() FROM generate_series(1, ?) g""",
                    first, p, node, layer, packages);
            jdbc.update("""
                    INSERT INTO job (id, project_id, node_id, layer_id, status, interactive, inputs, fields, container,
                        created_at, updated_at)
                    SELECT ? + g, ?, ?, ?, 'Processed', false, jsonb_build_array(? + g), '[]', '{}', now(), now()
                    FROM generate_series(1, ?, 2) g""", first, p, node, layer, first, packages);
            // what the projections keep beside those rows for the search's filters (as they would have)
            jdbc.update("""
                    INSERT INTO package_field (package_id, node_id, layer_id, name, num, txt)
                    SELECT p.id, p.node_id, p.layer_id, f ->> 'name',
                        CASE WHEN jsonb_typeof(f -> 'value') = 'number' THEN (f ->> 'value')::numeric END,
                        f -> 'value' #>> '{}'
                    FROM package p, jsonb_array_elements(p.fields) f WHERE p.node_id = ?""", node);
            jdbc.update("UPDATE package SET child_jobs = 1 WHERE node_id = ? AND (id - ?) % 2 = 1", node, first);
            jdbc.execute("VACUUM ANALYZE package");
            jdbc.execute("VACUUM ANALYZE package_field");
            jdbc.execute("ANALYZE job");

            String search = Platform.url(platform.query) + "/api/projects/" + p + "/nodes/" + node
                    + "/packages/search?data_layer_id=" + layer + "&page=1&page_size=50";
            Map<String, String> kinds = new java.util.LinkedHashMap<>();
            kinds.put("newest page", "{\"master_id\": 0}");
            kinds.put("the original client's body", "{\"master_id\": 0, \"sort_by\": \"id\", \"descending\": true,"
                    + " \"field_filter_name\": \"\", \"field_filter_op\": \"\", \"field_filter_value\": \"\","
                    + " \"jobs_filter_op\": \"\", \"jobs_filter_count_value\": 0}");
            kinds.put("field i > half (number)", "{\"master_id\": 0, \"field_filter_name\": \"i\","
                    + " \"field_filter_op\": \">\", \"field_filter_value\": \"" + packages / 2 + "\"}");
            kinds.put("field note = 'run 7' (text)", "{\"master_id\": 0, \"field_filter_name\": \"note\","
                    + " \"field_filter_op\": \"=\", \"field_filter_value\": \"run 7\"}");
            kinds.put("no child jobs", "{\"master_id\": 0, \"jobs_filter_op\": \"=\", \"jobs_filter_count_value\": 0}");
            kinds.put("sorted by label", "{\"master_id\": 0, \"sort_by\": \"label\", \"descending\": false}");
            HttpClient http = HttpClient.newHttpClient();
            System.out.printf("search bench: %d packages at one node, %d jobs, %d searches of each kind%n",
                    packages, (packages + 1) / 2, rounds);
            List<Long> reference = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                jdbc.queryForList("SELECT * FROM package WHERE node_id = ? AND layer_id = ? ORDER BY id DESC LIMIT 50",
                        node, layer);
                jdbc.queryForObject("SELECT count(*) FROM package WHERE node_id = ? AND layer_id = ?", Long.class,
                        node, layer);
                reference.add(System.nanoTime() - start);
            }
            print("reference: plain SQL page + count", reference, -1);
            for (Map.Entry<String, String> kind : kinds.entrySet()) {
                List<Long> times = new ArrayList<>();
                long total = -1;
                for (int i = 0; i < rounds + 5; i++) {
                    long start = System.nanoTime();
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(search))
                            .header("Authorization", "Bearer " + command.token())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(kind.getValue())).build(),
                            HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - start;
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException(kind.getKey() + ": " + answer.statusCode() + " " + answer.body());
                    }
                    if (i >= 5) {
                        times.add(took);
                    }
                    total = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).get("total").asLong();
                }
                print(kind.getKey(), times, total);
            }
        }
    }

    private static void print(String kind, List<Long> nanos, long total) {
        Collections.sort(nanos);
        System.out.printf("search %-32s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms%s%n", kind,
                nanos.get(nanos.size() / 2) / 1e6, nanos.get((int) Math.ceil(nanos.size() * 0.99) - 1) / 1e6,
                nanos.get(nanos.size() - 1) / 1e6, total < 0 ? "" : "  (total " + total + ")");
    }
}
