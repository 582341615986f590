package org.tributary.deploy;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes API calls Java source makes through Fabric8, read from the text (no compiler, no cluster).
 * <p>
 * A statement that reaches a resource through the client's DSL ({@code client.batch().v1().jobs()…}) and calls an
 * operation on it ({@code create()}, {@code inform(…)}, {@code delete()}…) counts as that call. A resource reached
 * in a statement without a known operation (a handle kept in a variable), or a model class imported for
 * {@code client.resource(object)}, counts as "some call" on that resource. The reading is deliberately simple:
 * it errs towards finding a resource rather than missing one.
 */
final class KubernetesCalls {

    /** One verb on one resource; a null verb means "some verb, not told by the source". */
    record Call(String group, String resource, String verb) {
        @Override
        public String toString() {
            return (group.isEmpty() ? "core" : group) + "/" + resource + " " + (verb == null ? "(some verb)" : verb);
        }
    }

    /** Fabric8 DSL methods that name a resource, with the resource's API group. */
    private static final Map<String, String[]> DSL = Map.ofEntries(
            Map.entry("jobs", new String[] {"batch", "jobs"}),
            Map.entry("cronjobs", new String[] {"batch", "cronjobs"}),
            Map.entry("pods", new String[] {"", "pods"}),
            Map.entry("secrets", new String[] {"", "secrets"}),
            Map.entry("events", new String[] {"", "events"}),
            Map.entry("configMaps", new String[] {"", "configmaps"}),
            Map.entry("services", new String[] {"", "services"}),
            Map.entry("endpoints", new String[] {"", "endpoints"}),
            Map.entry("persistentVolumeClaims", new String[] {"", "persistentvolumeclaims"}),
            Map.entry("serviceAccounts", new String[] {"", "serviceaccounts"}),
            Map.entry("namespaces", new String[] {"", "namespaces"}),
            Map.entry("nodes", new String[] {"", "nodes"}),
            Map.entry("resourceQuotas", new String[] {"", "resourcequotas"}),
            Map.entry("deployments", new String[] {"apps", "deployments"}),
            Map.entry("statefulSets", new String[] {"apps", "statefulsets"}),
            Map.entry("leases", new String[] {"coordination.k8s.io", "leases"}));
    /** Model classes whose import means the code handles that resource (e.g. through client.resource(job)). */
    private static final Map<String, String[]> MODEL = Map.ofEntries(
            Map.entry("io.fabric8.kubernetes.api.model.batch.v1.Job", new String[] {"batch", "jobs"}),
            Map.entry("io.fabric8.kubernetes.api.model.batch.v1.CronJob", new String[] {"batch", "cronjobs"}),
            Map.entry("io.fabric8.kubernetes.api.model.Pod", new String[] {"", "pods"}),
            Map.entry("io.fabric8.kubernetes.api.model.Secret", new String[] {"", "secrets"}),
            Map.entry("io.fabric8.kubernetes.api.model.Event", new String[] {"", "events"}),
            Map.entry("io.fabric8.kubernetes.api.model.ConfigMap", new String[] {"", "configmaps"}),
            Map.entry("io.fabric8.kubernetes.api.model.Service", new String[] {"", "services"}),
            Map.entry("io.fabric8.kubernetes.api.model.PersistentVolumeClaim",
                    new String[] {"", "persistentvolumeclaims"}),
            Map.entry("io.fabric8.kubernetes.api.model.apps.Deployment", new String[] {"apps", "deployments"}));
    /** Operations and the verbs the API server checks for them. */
    private static final Map<Pattern, List<String>> OPERATIONS = Map.ofEntries(
            Map.entry(Pattern.compile("\\.(create|createOr\\w*|serverSideApply)\\("), List.of("create")),
            Map.entry(Pattern.compile("\\.delete\\("), List.of("delete")),
            Map.entry(Pattern.compile("\\.get\\(\\)"), List.of("get")),
            Map.entry(Pattern.compile("\\.list\\("), List.of("list")),
            Map.entry(Pattern.compile("\\.watch\\("), List.of("watch")),
            Map.entry(Pattern.compile("\\.(inform|informOn|runnableInformer|waitUntil\\w*)\\("),
                    List.of("list", "watch")),
            Map.entry(Pattern.compile("\\.(edit|patch|accept)\\("), List.of("patch")),
            Map.entry(Pattern.compile("\\.(update|replace)\\("), List.of("update")));
    private static final Pattern LOG = Pattern.compile("\\.(getLog|watchLog|getLogInputStream|getLogReader)\\(");
    private static final Pattern DSL_CALL = Pattern.compile("\\.(" + String.join("|", DSL.keySet()) + ")\\(\\)");
    private static final Pattern IMPORT = Pattern.compile("import\\s+([\\w.]+)\\s*;");

    private KubernetesCalls() {
    }

    static Set<Call> in(String source) {
        Set<Call> calls = new LinkedHashSet<>();
        Matcher imports = IMPORT.matcher(source);
        while (imports.find()) {
            String imported = imports.group(1).replaceAll("Builder$", "");
            String[] resource = MODEL.get(imported);
            if (resource != null) {
                calls.add(new Call(resource[0], resource[1], null));
            }
        }
        // possessive: a long string literal (a text block) is one step per run of plain characters, not one level of
        // the regex engine's recursion per character (which overflowed the stack, depending on the JIT)
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "")
                .replaceAll("\"(?:[^\"\\\\]++|\\\\.)*+\"", "\"\"");
        for (String statement : code.split(";")) {
            Matcher dsl = DSL_CALL.matcher(statement);
            String[] resource = null;
            int after = 0;
            while (dsl.find()) {
                resource = DSL.get(dsl.group(1));
                after = dsl.end();
            }
            if (resource == null) {
                continue;
            }
            String rest = statement.substring(after);
            boolean any = false;
            if (LOG.matcher(rest).find()) {
                calls.add(new Call(resource[0], resource[1] + "/log", "get"));
                any = true;
            }
            for (var operation : OPERATIONS.entrySet()) {
                if (operation.getKey().matcher(rest).find()) {
                    for (String verb : operation.getValue()) {
                        calls.add(new Call(resource[0], resource[1], verb));
                    }
                    any = true;
                }
            }
            if (!any) {
                calls.add(new Call(resource[0], resource[1], null));
            }
        }
        return calls;
    }

    /** Every (group, resource, verb) a Role grants; wildcards are not used in deploy/k8s and are refused. */
    static Set<Call> grants(Role role) {
        Set<Call> grants = new LinkedHashSet<>();
        for (PolicyRule rule : role.getRules()) {
            assertNoWildcard(rule);
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        grants.add(new Call(group, resource, verb));
                    }
                }
            }
        }
        return grants;
    }

    /** The calls of {@code used} that {@code granted} does not allow. */
    static Set<Call> missing(Set<Call> used, Set<Call> granted) {
        Set<Call> missing = new LinkedHashSet<>();
        for (Call call : used) {
            boolean allowed = call.verb() == null
                    ? granted.stream().anyMatch(g -> g.group().equals(call.group())
                    && g.resource().equals(call.resource()))
                    : granted.contains(call);
            if (!allowed) {
                missing.add(call);
            }
        }
        return missing;
    }

    private static void assertNoWildcard(PolicyRule rule) {
        for (List<String> values : List.of(rule.getApiGroups(), rule.getResources(), rule.getVerbs())) {
            if (values.contains("*")) {
                throw new AssertionError("a wildcard in the executor's Role: " + rule);
            }
        }
        if (rule.getResourceNames() != null && !rule.getResourceNames().isEmpty()) {
            throw new AssertionError("resourceNames are not expected in the executor's Role: " + rule);
        }
    }
}
