package org.tributary.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the folders the embedded servers (and their users) made for themselves. */
public final class Folders {

    private Folders() {
    }

    /** Deletes the folder and everything in it, as far as it can; answers whether the folder is gone. */
    public static boolean deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return true;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
        return !Files.exists(folder);
    }
}
