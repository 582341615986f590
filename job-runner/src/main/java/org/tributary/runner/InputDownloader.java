package org.tributary.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tributary.runner.api.Field;
import org.tributary.runner.api.InputPackage;
import org.tributary.runner.api.Job;
import org.tributary.runner.api.JobFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lays out the job folder: node files at the root, {@code in/params.json}, and per input package
 * {@code in/<id>/label}, {@code in/<id>/fields.json} and its files under {@code in/<id>/files/}.
 */
final class InputDownloader {

    private final Path root;
    private final ExecutorApi api;
    private final ObjectMapper json;
    private final JobLog log;

    InputDownloader(Path root, ExecutorApi api, JobLog log) {
        this.root = root;
        this.api = api;
        this.json = api.json();
        this.log = log;
    }

    void download(Job job, List<JobFile> files, List<InputPackage> packages) throws IOException {
        // Every name is checked before anything is written, so a bad listing leaves no partial folder behind.
        List<Placed> placed = new ArrayList<>();
        for (JobFile file : files) {
            Path relative = relativeName(file.name());
            if (!relative.getName(0).toString().equals("out")) {
                placed.add(new Placed(file, root.resolve(relative), relative));
            }
        }

        Path in = root.resolve("in");
        Files.createDirectories(in);
        Files.write(in.resolve("params.json"), json.writeValueAsBytes(object(job.fields())));
        for (InputPackage inputPackage : packages) {
            Path folder = in.resolve(Long.toString(inputPackage.id()));
            Files.createDirectories(folder);
            String label = inputPackage.label() == null ? "" : inputPackage.label();
            Files.writeString(folder.resolve("label"), label, StandardCharsets.UTF_8);
            Files.write(folder.resolve("fields.json"), json.writeValueAsBytes(object(inputPackage.fields())));
        }

        for (Placed file : placed) {
            fetch(file);
        }
        log.info("Job inputs downloaded: " + placed.size() + " files, " + packages.size() + " packages.");
    }

    private void fetch(Placed placed) throws IOException {
        JobFile file = placed.file();
        String name = placed.relative().toString();
        if (file.content() == null || file.content().isBlank()) {
            throw new DownloadException(name + ": the listing gives no content URL");
        }
        String expected = file.contentHash() == null ? "" : file.contentHash().toLowerCase(Locale.ROOT);
        Files.createDirectories(placed.target().getParent());
        log.info("Downloading " + name + "...");
        for (int attempt = 1; ; attempt++) {
            api.download(file.content(), placed.target(), name);
            String actual = FileFacts.sha256Hex(placed.target());
            if (actual.equals(expected)) {
                break;
            }
            if (attempt == 2) {
                throw new DownloadException(name + ": wrong content checksum (expected " + expected + ", got "
                        + actual + ")");
            }
            log.info(name + ": wrong content checksum; retrying...");
        }
        if (file.isExecutable()) {
            makeExecutable(placed.target());
        }
    }

    /**
     * The name as a path relative to the job folder, whatever the server sent: '/'-separated parts with no empty,
     * '.' or '..' part (nothing is normalised away), no '\\' or NUL; and an input's file stays in its package's
     * {@code in/<id>/files/} folder, so it can never replace a node file, a label or {@code params.json}.
     */
    Path relativeName(String name) throws DownloadException {
        if (name == null || name.isBlank()) {
            throw new DownloadException("a job file has no name");
        }
        String[] parts = name.split("/", -1);
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.indexOf('\\') >= 0
                    || part.indexOf('\0') >= 0) {
                throw new DownloadException("job file name escapes its folder or is not a plain path: " + name);
            }
        }
        if (parts[0].equals("in") && (parts.length < 4 || !parts[1].matches("[0-9]+") || !parts[2].equals("files"))) {
            throw new DownloadException("an input file must lie in in/<package id>/files/: " + name);
        }
        Path relative;
        try {
            relative = Path.of(name);
        } catch (InvalidPathException e) {
            throw new DownloadException("invalid job file name: " + name);
        }
        if (relative.isAbsolute() || !root.resolve(relative).normalize().startsWith(root)) {
            throw new DownloadException("job file name escapes the job folder: " + name);
        }
        return relative;
    }

    private static ObjectNode object(List<Field> fields) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (Field field : fields) {
            if (field.name() == null) {
                continue;
            }
            object.set(field.name(), field.value() == null ? NullNode.getInstance() : field.value());
        }
        return object;
    }

    private static void makeExecutable(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(file));
            permissions.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
            Files.setPosixFilePermissions(file, permissions);
        } catch (UnsupportedOperationException e) {
            if (!file.toFile().setExecutable(true, false)) {
                throw new IOException("cannot make " + file + " executable");
            }
        }
    }

    private record Placed(JobFile file, Path target, Path relative) {
    }
}
