package org.tributary.command.datapackage;

import org.springframework.stereotype.Component;
import org.tributary.command.datapackage.PackageController.FileBody;
import org.tributary.command.datapackage.PackageController.PackageBody;
import org.tributary.command.datapackage.PackageController.PackageRequest;
import org.tributary.command.storage.ObjectStore;
import org.tributary.domain.datapackage.DataPackage;
import org.tributary.domain.datapackage.api.CreatePackage;
import org.tributary.domain.shared.Check;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.InvalidInput;
import org.tributary.domain.shared.PackageOrigin;
import org.tributary.storage.Admission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What one upload and a bulk upload share: a package's files read from the request (each refusal naming its field,
 * under a prefix such as {@code packages[3].}), their objects admitted in S3, the command, and the answer.
 */
@Component
class PackageUploads {

    private final ObjectStore objects;

    PackageUploads(ObjectStore objects) {
        this.objects = objects;
    }

    /** The files a request names, checked one by one; {@code prefix} goes before each field name. */
    List<FileRef> files(String prefix, List<FileBody> bodies) {
        List<FileRef> files = new ArrayList<>();
        if (bodies == null) {
            return files;
        }
        if (bodies.size() > DataPackage.MAX_FILES) {
            throw new InvalidInput(prefix + "files", "a package may have at most " + DataPackage.MAX_FILES + " files");
        }
        for (int i = 0; i < bodies.size(); i++) {
            FileBody file = Check.notNull(prefix + "files[" + i + "]", bodies.get(i));
            try {
                files.add(new FileRef(file.name(), file.contentHash(), file.size() == null ? 0 : file.size(),
                        Boolean.TRUE.equals(file.isExecutable()), file.type()));
            } catch (InvalidInput e) {
                throw new InvalidInput(prefix + "files[" + i + "]." + e.field(), e.getMessage());
            }
        }
        return files;
    }

    /**
     * Fails unless every file's object is in the project's bucket with the bytes its hash names (a new upload's bytes
     * are checked against its hash once, here).
     */
    void admit(long projectId, List<List<FileRef>> packages, List<String> prefixes) {
        LinkedHashSet<String> hashes = new LinkedHashSet<>();
        packages.forEach(files -> files.forEach(file -> hashes.add(file.sha256())));
        if (hashes.isEmpty()) {
            return;
        }
        Map<String, Admission.Outcome> admitted = objects.admitAll(projectId, List.copyOf(hashes));
        for (int p = 0; p < packages.size(); p++) {
            List<FileRef> files = packages.get(p);
            for (int i = 0; i < files.size(); i++) {
                String hash = files.get(i).sha256();
                String field = prefixes.get(p) + "files[" + i + "].content_hash";
                if (admitted.get(hash) == Admission.Outcome.MISMATCH) {
                    throw new InvalidInput(field, "the bytes uploaded for " + hash
                            + " do not have that SHA-256; they were deleted: upload the right content again");
                }
                if (admitted.get(hash) == Admission.Outcome.MISSING) {
                    throw new InvalidInput(field, "object " + hash + " is not uploaded yet: PUT /api/projects/"
                            + projectId + "/objects/" + hash + " gives the URL to upload it to");
                }
            }
        }
    }

    /** The upload as a command; the package takes its id once it is accepted, so a refused one uses none up. */
    static CreatePackage command(long projectId, long nodeId, long layerId, PackageRequest body,
                                 List<FileRef> files) {
        return new CreatePackage(null, projectId, nodeId, layerId, body.label(), body.fields(), files, List.of(),
                PackageOrigin.UPLOADED, null, null, Boolean.FALSE.equals(body.process()) ? Boolean.TRUE : null);
    }

    /** The answer, in the shape the job library's client reads. */
    static PackageBody body(long packageId, PackageRequest body, List<FileRef> files, long nodeId, long layerId) {
        List<Map<String, Object>> fields = new ArrayList<>();
        if (body.fields() != null) {
            new LinkedHashMap<>(body.fields()).forEach((name, value) -> {
                Map<String, Object> field = new LinkedHashMap<>();
                field.put("name", name);
                field.put("value", value);
                fields.add(field);
            });
        }
        return new PackageBody(packageId, body.label() == null ? "" : body.label(), fields,
                files.stream().map(FileBody::of).toList(), nodeId, layerId);
    }
}
