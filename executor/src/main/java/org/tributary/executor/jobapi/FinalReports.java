package org.tributary.executor.jobapi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.storage.Admission;
import org.tributary.executor.command.CommandClient.CompletedFile;
import org.tributary.executor.command.CommandClient.Completion;
import org.tributary.executor.command.CommandClient.Output;
import org.tributary.executor.config.EventJson;
import org.tributary.executor.storage.ObjectStore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a runner's final PUT into the completion sent to command-service. With exit code 0, each {@code out/<n>/}
 * of the file list becomes an output package: its label and fields are read from S3 by the hashes the list gives
 * for {@code out/<n>/label} and {@code out/<n>/fields.json}, its files are those under {@code out/<n>/files/}.
 */
@Component
class FinalReports {

    static final int MAX_LABEL_BYTES = 64 * 1024;
    static final int MAX_FIELDS_BYTES = 1024 * 1024;
    /** {@code out/1}, {@code out/2}, …, {@code out/10} in number order; other names after them, by name. */
    private static final Comparator<String> OUTPUT_ORDER = Comparator
            .comparing((String n) -> n.matches("\\d{1,18}") ? Long.parseLong(n) : Long.MAX_VALUE)
            .thenComparing(Comparator.naturalOrder());

    private final ObjectStore objects;
    private final ObjectMapper json;

    FinalReports(ObjectStore objects, EventJson eventJson) {
        this.objects = objects;
        this.json = eventJson.mapper();
    }

    /**
     * The exit code and files as given, for comparing a repeated report with the first one; parsed from its text,
     * as the stored one is, so that numbers compare equal.
     */
    JsonNode normalized(int exitCode, List<FileRef> files) {
        try {
            return json.readTree(json.writeValueAsBytes(Map.of("exit_code", exitCode, "files", files)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int exitCode(JobApiDtos.FinalReport report) {
        if (report.status() == null) {
            throw new InvalidInput("status", "status (the exit code as a string) is required");
        }
        try {
            return Integer.parseInt(report.status().trim());
        } catch (NumberFormatException e) {
            throw new InvalidInput("status", "status must be the exit code as a string, e.g. \"0\"");
        }
    }

    static List<FileRef> files(JobApiDtos.FinalReport report) {
        List<FileRef> files = new ArrayList<>();
        List<JobApiDtos.ReportedFile> reported = report.files() == null ? List.of() : report.files();
        for (int i = 0; i < reported.size(); i++) {
            JobApiDtos.ReportedFile file = reported.get(i);
            if (file == null) {
                throw new InvalidInput("files[" + i + "]", "files[" + i + "] must not be null");
            }
            try {
                files.add(new FileRef(file.name(), file.contentHash(), file.size() == null ? 0 : file.size(),
                        Boolean.TRUE.equals(file.isExecutable()), file.type()));
            } catch (InvalidInput e) {
                throw new InvalidInput("files[" + i + "]." + e.field(), "files[" + i + "]: " + e.getMessage());
            }
        }
        return files;
    }

    Completion completion(long projectId, int exitCode, List<FileRef> files) {
        Map<String, OutputParts> parts = exitCode == 0 ? outputParts(files) : Map.of();
        Set<String> labelsAndFields = new HashSet<>();
        parts.values().forEach(output -> {
            if (output.label != null) {
                labelsAndFields.add(output.label.sha256());
            }
            if (output.fields != null) {
                labelsAndFields.add(output.fields.sha256());
            }
        });
        Map<String, byte[]> read = admit(projectId, files, labelsAndFields);
        List<Output> outputs = new ArrayList<>();
        parts.forEach((n, output) -> outputs.add(new Output(label(projectId, output.label, read),
                fields(projectId, output.fields, read), output.files)));
        return new Completion(exitCode, files.stream().map(FinalReports::completed).toList(), outputs, null);
    }

    /** The files of a refused report that are stored under their hash, to stay visible on the failed job. */
    List<CompletedFile> kept(long projectId, List<FileRef> files) {
        Set<String> stored = objects.stored(projectId, files.stream().map(FileRef::sha256).toList());
        return files.stream().filter(f -> stored.contains(f.sha256())).map(FinalReports::completed).toList();
    }

    /**
     * Every uploaded file of the report is checked against its hash once (then stored under it): one whose bytes do
     * not match fails the job, and an output's file must be there. Other job files the runner did not upload stay
     * missing, as before. Answers the bytes of those of {@code keep} (output labels and fields) read to admit them,
     * by hash (those stored before are read later).
     */
    private Map<String, byte[]> admit(long projectId, List<FileRef> files, Set<String> keep) {
        Admission.Admitted admitted = objects.admitAll(projectId, files.stream().map(FileRef::sha256).toList(),
                keep, MAX_FIELDS_BYTES);
        Map<String, Admission.Outcome> outcomes = admitted.outcomes();
        for (FileRef file : files) {
            Admission.Outcome outcome = outcomes.get(file.sha256());
            if (outcome == Admission.Outcome.MISMATCH) {
                throw new InvalidOutput(file.name() + ": the bytes uploaded do not have SHA-256 " + file.sha256());
            }
            if (outcome == Admission.Outcome.MISSING && file.name().startsWith("out/")) {
                throw new InvalidOutput(file.name() + " (" + file.sha256() + ") was not uploaded");
            }
        }
        return admitted.contents();
    }

    /** Each {@code out/<n>/} of the file list, by {@code n} in output order. */
    private static Map<String, OutputParts> outputParts(List<FileRef> files) {
        Map<String, OutputParts> byNumber = new TreeMap<>(OUTPUT_ORDER);
        for (FileRef file : files) {
            String[] parts = file.name().split("/", 3);
            if (parts.length < 3 || !parts[0].equals("out")) {
                continue;
            }
            OutputParts output = byNumber.computeIfAbsent(parts[1], n -> new OutputParts());
            String rest = parts[2];
            if (rest.equals("label")) {
                output.label = file;
            } else if (rest.equals("fields.json")) {
                output.fields = file;
            } else if (rest.startsWith("files/")) {
                output.files.add(completed(file.renamed(rest.substring("files/".length()))));
            }
        }
        return byNumber;
    }

    private String label(long projectId, FileRef file, Map<String, byte[]> read) {
        if (file == null) {
            return "";
        }
        return new String(read(projectId, file, MAX_LABEL_BYTES, read), StandardCharsets.UTF_8).strip();
    }

    private Map<String, Object> fields(long projectId, FileRef file, Map<String, byte[]> read) {
        if (file == null) {
            return Map.of();
        }
        byte[] bytes = read(projectId, file, MAX_FIELDS_BYTES, read);
        try {
            JsonNode tree = json.readTree(bytes);
            if (tree == null || !tree.isObject()) {
                throw new InvalidOutput(file.name() + " must hold a JSON object");
            }
            return json.convertValue(tree, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (java.io.IOException e) {
            throw new InvalidOutput(file.name() + " is not valid JSON: " + e.getMessage());
        }
    }

    private byte[] read(long projectId, FileRef file, int maxBytes, Map<String, byte[]> read) {
        if (file.size() > maxBytes) {
            throw new InvalidOutput(file.name() + " is larger than " + maxBytes + " bytes");
        }
        byte[] admitted = read.get(file.sha256());
        if (admitted != null) {
            if (admitted.length > maxBytes) {
                throw new InvalidOutput(file.name() + " is larger than " + maxBytes + " bytes");
            }
            return admitted;
        }
        try {
            return objects.read(projectId, file.sha256(), maxBytes);
        } catch (ObjectStore.Missing e) {
            throw new InvalidOutput(file.name() + " (" + file.sha256() + ") was not uploaded");
        }
    }

    private static CompletedFile completed(FileRef file) {
        return new CompletedFile(file.name(), file.sha256(), file.size(), file.executable(), file.contentType());
    }

    private static final class OutputParts {
        FileRef label;
        FileRef fields;
        final List<CompletedFile> files = new ArrayList<>();
    }

    /** The job's outputs break the contract (bad fields.json, a label never uploaded): the job fails. */
    static class InvalidOutput extends RuntimeException {
        InvalidOutput(String message) {
            super(message);
        }
    }
}
