package org.tributary.runner;

import org.tributary.runner.api.JobResult;
import org.tributary.runner.api.ReportedFile;
import org.tributary.runner.api.UploadLink;
import org.tributary.runner.api.UploadObjects;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Uploads the job tree (everything but {@code in/}) by SHA-256, then the log, then reports the exit code and the file
 * list with the final {@code PUT}.
 */
final class OutputUploader {

    private final Path root;
    private final ExecutorApi api;
    private final JobLog log;

    OutputUploader(Path root, ExecutorApi api, JobLog log) {
        this.root = root;
        this.api = api;
        this.log = log;
    }

    /**
     * @param beforeReport runs after the last upload and before the final PUT (stops the heartbeats, so that none
     *                     arrives after the job is reported)
     */
    void upload(int exitCode, Runnable beforeReport) throws IOException {
        log.info("Uploading job output...");
        Path logFile = log.path();
        Map<String, Path> files = tree(logFile);
        Map<String, FileFacts> facts = new LinkedHashMap<>();
        for (Map.Entry<String, Path> file : files.entrySet()) {
            facts.put(file.getKey(), FileFacts.of(file.getValue()));
        }

        // One file per hash is enough: identical contents are one object.
        Map<String, String> nameByHash = new LinkedHashMap<>();
        facts.forEach((name, fact) -> nameByHash.putIfAbsent(fact.contentHash(), name));
        int uploaded = 0;
        if (!nameByHash.isEmpty()) {
            List<UploadLink> links = api.uploadObjects(new UploadObjects(List.copyOf(nameByHash.keySet()), true));
            uploaded = put(links, nameByHash, files, facts);
        }
        log.info("Uploaded " + uploaded + " of " + facts.size() + " files (the others were already stored).");

        log.info("Uploading the log; the job reports exit code " + exitCode + ".");
        log.closeFile();
        String logName = relativeName(logFile);
        FileFacts logFacts = FileFacts.of(logFile);
        List<UploadLink> logLinks = api.uploadObjects(new UploadObjects(List.of(logFacts.contentHash()), false));
        put(logLinks, Map.of(logFacts.contentHash(), logName), Map.of(logName, logFile), Map.of(logName, logFacts));

        Map<String, FileFacts> reported = new TreeMap<>(facts);
        reported.put(logName, logFacts);
        List<ReportedFile> list = new ArrayList<>();
        reported.forEach((name, fact) -> list.add(new ReportedFile(name, fact.type(), fact.contentHash(),
                fact.executable(), fact.binary(), fact.size())));

        beforeReport.run();
        api.finish(new JobResult(Integer.toString(exitCode), list));
        log.info("Job reported: exit code " + exitCode + ", " + list.size() + " files.");
    }

    private int put(List<UploadLink> links, Map<String, String> nameByHash, Map<String, Path> files,
                    Map<String, FileFacts> facts) throws IOException {
        int uploaded = 0;
        for (UploadLink link : links) {
            String name = nameByHash.get(link.objectId());
            if (link.link() == null || name == null) {
                continue;
            }
            api.upload(link.link(), files.get(name), facts.get(name).type(), name);
            uploaded++;
        }
        return uploaded;
    }

    /**
     * Regular files of the job folder by name ('/'-separated, relative), without {@code in/} and the log. Symbolic
     * links to files count as the files they point at (a script may link an input into {@code out/});
     * links to directories are not followed, so a link cannot make the walk loop.
     */
    private Map<String, Path> tree(Path logFile) throws IOException {
        Map<String, Path> files = new TreeMap<>(Comparator.naturalOrder());
        Path in = root.resolve("in");
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return dir.equals(in) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (!file.equals(logFile) && Files.isRegularFile(file)) {
                    files.put(relativeName(file), file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, java.io.IOException e) throws IOException {
                throw e;
            }
        });
        return files;
    }

    private String relativeName(Path file) {
        StringBuilder name = new StringBuilder();
        for (Path part : root.relativize(file)) {
            if (!name.isEmpty()) {
                name.append('/');
            }
            name.append(part);
        }
        return name.toString();
    }
}
