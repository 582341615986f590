package org.tributary.runner;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment the script gets: the runner's own, minus the job's refresh token and anything that looks like a
 * credential. Project secrets ({@code RNDFLOW_SECRET_*}) are the user's own and stay. {@code RNDFLOW_REFRESH_TOKEN}
 * is there, with a {@linkplain #TOKEN_PLACEHOLDER placeholder}: the job library's user module ({@code from rndflow
 * import job}) refuses to import without it, and the real token must never reach the script.
 *
 * <p>A deny list rather than an allow list, because images set variables their scripts need
 * ({@code PYTHONPATH}, {@code LD_LIBRARY_PATH}, {@code CONDA_*}, {@code CUDA_*}) and the contract wants existing
 * images to run unchanged; the original library drops only the refresh token.
 */
final class ScriptEnvironment {

    static final String TOKEN_PLACEHOLDER = "not-given-to-scripts";
    private static final String SECRET_PREFIX = "RNDFLOW_SECRET_";
    private static final String[] CREDENTIAL_WORDS = {
            "TOKEN", "PASSWORD", "PASSWD", "SECRET", "CREDENTIAL", "ACCESS_KEY", "PRIVATE_KEY", "API_KEY"};

    private ScriptEnvironment() {
    }

    static Map<String, String> clean(Map<String, String> environment) {
        Map<String, String> cleaned = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (keeps(name)) {
                cleaned.put(name, value);
            }
        });
        cleaned.put(RunnerConfig.REFRESH_TOKEN_VARIABLE, TOKEN_PLACEHOLDER);
        return cleaned;
    }

    static boolean keeps(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.startsWith(SECRET_PREFIX)) {
            return true;
        }
        for (String word : CREDENTIAL_WORDS) {
            if (upper.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
