package org.tributary.standalone.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Credentials of the embedded servers, made on the first start of a data folder and kept in
 * {@code <data>/secrets/}, readable by its owner only: no key is a constant in the source, where anyone could use it
 * against any installation. They are never logged.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** The secret stored under {@code name}, made now if this data folder has none yet. */
    public static String of(Path dataDir, String name) {
        return kept(dataDir, name).value();
    }

    /** A kept value, and whether this call made it. */
    public record Kept(String value, boolean made) {
        @Override
        public String toString() {
            return "Kept[" + (made ? "made now" : "kept") + "]";
        }
    }

    /** The secret stored under {@code name}; made now (and said so) if this data folder has none yet. */
    public static Kept kept(Path dataDir, String name) {
        return store(dataDir, name, () -> random(30, Base64.getUrlEncoder().withoutPadding()));
    }

    /** The value stored under {@code name}, or {@code make}'s, then kept there like a secret. */
    public static String keep(Path dataDir, String name, Supplier<String> make) {
        return store(dataDir, name, make).value();
    }

    /** A key of {@code bytes} random bytes, base64 (standard alphabet), kept under {@code name} like a secret. */
    public static String key(Path dataDir, String name, int bytes) {
        return store(dataDir, name, () -> random(bytes, Base64.getEncoder())).value();
    }

    private static String random(int length, Base64.Encoder encoder) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return encoder.encodeToString(bytes);
    }

    private static Kept store(Path dataDir, String name, Supplier<String> make) {
        Path folder = dataDir.resolve("secrets");
        Path file = folder.resolve(name);
        try {
            if (Files.exists(file)) {
                return new Kept(Files.readString(file, StandardCharsets.UTF_8).strip(), false);
            }
            createPrivate(folder, true);
            String secret = make.get();
            Path temporary = folder.resolve(name + ".new");
            Files.deleteIfExists(temporary);
            createPrivate(temporary, false);
            Files.writeString(temporary, secret, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.move(temporary, file);
            } catch (FileAlreadyExistsException another) {
                // another start made it first: use that one
                Files.deleteIfExists(temporary);
                return new Kept(Files.readString(file, StandardCharsets.UTF_8).strip(), false);
            }
            return new Kept(secret, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the secret " + file, e);
        }
    }

    private static void createPrivate(Path path, boolean folder) throws IOException {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (folder) {
            if (Files.isDirectory(path)) {
                return;
            }
            if (posix) {
                Files.createDirectories(path, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(path);
            }
        } else if (posix) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(path);
        }
    }
}
