package org.tributary.query.datapackage;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.springframework.stereotype.Component;
import org.tributary.query.shared.FieldValue;
import org.tributary.query.shared.FileView;
import org.tributary.query.storage.ObjectReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The package archive the original platform's clients open with Python's {@code tarfile}: for each package
 * {@code <id>/label} (no trailing newline), {@code <id>/fields.json} (an object, two-space indented, in the package's
 * order) and {@code <id>/files/<name>} (read from S3 as it is written out).
 */
@Component
class PackageArchive {

    private static final ObjectWriter FIELDS = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    private final ObjectReader objects;

    PackageArchive(ObjectReader objects) {
        this.objects = objects;
    }

    void write(long projectId, List<PackageView> packages, OutputStream out) throws IOException {
        TarStream tar = new TarStream(out);
        for (PackageView pkg : packages) {
            String root = pkg.id() + "/";
            tar.entry(root + "label", pkg.label().getBytes(StandardCharsets.UTF_8));
            tar.entry(root + "fields.json", fieldsJson(pkg.fields()));
            for (FileView file : pkg.files()) {
                try (InputStream content = objects.open(projectId, file.contentHash())) {
                    tar.entry(root + "files/" + file.name(), file.size(), content);
                }
            }
        }
        tar.finish();
    }

    static byte[] fieldsJson(List<FieldValue> fields) throws IOException {
        Map<String, JsonNode> object = new LinkedHashMap<>();
        fields.forEach(field -> object.put(field.name(), field.value()));
        return FIELDS.writeValueAsBytes(object);
    }
}
