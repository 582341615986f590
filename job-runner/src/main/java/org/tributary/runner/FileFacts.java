package org.tributary.runner;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/** What the final report says about one file: SHA-256, size, executable bit, binary or text, content type. */
record FileFacts(String contentHash, long size, boolean executable, boolean binary, String type) {

    private static final int SNIFF_BYTES = 1024;

    /**
     * Types the JDK's table lacks or gets wrong for research files (it calls {@code .sh} a shell archive);
     * {@code .h5} follows the contract's example.
     */
    private static final Map<String, String> EXTRA_TYPES = Map.ofEntries(
            Map.entry("h5", "application/x-hdf"),
            Map.entry("hdf", "application/x-hdf"),
            Map.entry("hdf5", "application/x-hdf"),
            Map.entry("sh", "application/x-sh"),
            Map.entry("py", "text/x-python"),
            Map.entry("log", "text/plain"),
            Map.entry("json", "application/json"),
            Map.entry("csv", "text/csv"),
            Map.entry("tsv", "text/tab-separated-values"),
            Map.entry("yaml", "application/yaml"),
            Map.entry("yml", "application/yaml"),
            Map.entry("ipynb", "application/x-ipynb+json"),
            Map.entry("plt", "application/json"),
            Map.entry("npy", "application/octet-stream"),
            Map.entry("npz", "application/zip"));

    static FileFacts of(Path file) throws IOException {
        MessageDigest sha256 = sha256();
        byte[] head = new byte[0];
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (size == 0) {
                    head = java.util.Arrays.copyOf(buffer, Math.min(n, SNIFF_BYTES));
                }
                sha256.update(buffer, 0, n);
                size += n;
            }
        }
        boolean binary = looksBinary(head, size > head.length);
        return new FileFacts(HexFormat.of().formatHex(sha256.digest()), size, Files.isExecutable(file), binary,
                contentType(file.getFileName().toString(), binary));
    }

    static String sha256Hex(Path file) throws IOException {
        MessageDigest sha256 = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /**
     * The type by file name; when the name tells nothing, {@code text/plain} for text and
     * {@code application/octet-stream} for binary content (so {@code out/1/label} is text).
     */
    static String contentType(String fileName, boolean binary) {
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        String type = EXTRA_TYPES.get(extension);
        if (type == null && !extension.isEmpty()) {
            type = URLConnection.getFileNameMap().getContentTypeFor(fileName.toLowerCase(Locale.ROOT));
        }
        if (type == null) {
            type = binary ? "application/octet-stream" : "text/plain";
        }
        return type;
    }

    /**
     * Binary when the first KiB holds a NUL byte or is not UTF-8 (a multi-byte character cut at the end of the
     * sample does not count); empty files are text.
     */
    static boolean looksBinary(byte[] head, boolean truncated) {
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
        }
        int length = head.length;
        if (truncated) {
            // Drop a trailing partial UTF-8 sequence (at most 3 bytes) cut by the sample's end.
            int back = 0;
            while (back < 3 && back < length && (head[length - 1 - back] & 0xC0) == 0x80) {
                back++;
            }
            if (back < length && (head[length - 1 - back] & 0xC0) == 0xC0) {
                length = length - 1 - back;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head, 0, length));
            return false;
        } catch (CharacterCodingException e) {
            return true;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
