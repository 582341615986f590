package org.tributary.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web app in Chromium against the standalone platform as a user starts it: the browser tests under
 * {@code frontend/test/browser/} (Node's test runner driving Debian's Chromium through playwright-core), with their
 * screenshots under {@code frontend/target/screenshots/}. They need Node.js, Chromium and the built web app; where one
 * is missing the test is skipped, unless {@code TRIBUTARY_BROWSER_TESTS=required} (set by .ci/run) makes that a
 * failure.
 */
class WebAppBrowserTest {

    static final Path FRONTEND = Path.of("..", "frontend").toAbsolutePath().normalize();
    static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");

    @TempDir
    static Path dataDir;
    static StandalonePlatform platform;

    @BeforeAll
    static void start() {
        boolean required = "required".equals(System.getenv("TRIBUTARY_BROWSER_TESTS"));
        String missing = missing();
        if (required) {
            assertThat(missing).as("what the browser tests need").isNull();
        }
        assumeTrue(missing == null, () -> "browser tests skipped: " + missing);
        TributaryStandalone.prepareJvm();
        platform = new StandalonePlatform(new StandaloneSettings(dataDir, false, 0, "127.0.0.1", false, Map.of(),
                List.of(), null)).start();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theBrowserTestsPass() throws Exception {
        Path output = Files.createTempFile(dataDir, "browser-tests", ".log");
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec", "test/browser/")
                .directory(FRONTEND.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        node.environment().put("TRIBUTARY_URL", platform.url());
        node.environment().put("TRIBUTARY_LOGIN", platform.admin().login());
        node.environment().put("TRIBUTARY_PASSWORD", platform.admin().password());
        node.environment().put("TRIBUTARY_SCREENSHOTS", FRONTEND.resolve("target/screenshots").toString());
        node.environment().put("CHROMIUM", CHROMIUM);
        Process run = node.start();
        boolean ended = run.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            run.destroyForcibly();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(log);
        assertThat(ended).as("the browser tests ended within 10 minutes").isTrue();
        assertThat(run.exitValue()).as("the browser tests' exit code (their output is above)").isZero();
        assertThat(FRONTEND.resolve("target/screenshots/editor.png")).exists();
    }

    /** What is missing to run the browser tests, or null. */
    private static String missing() {
        if (!onPath("node")) {
            return "node is not on the PATH";
        }
        if (!new File(CHROMIUM).canExecute()) {
            return CHROMIUM + " is missing (apt-get install chromium)";
        }
        if (!Files.isDirectory(FRONTEND.resolve("node_modules/playwright-core"))) {
            return "the web app's packages are not installed (the frontend module's build does it)";
        }
        if (!Files.exists(FRONTEND.resolve("target/dist/index.html"))) {
            return "the web app is not built";
        }
        return null;
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
