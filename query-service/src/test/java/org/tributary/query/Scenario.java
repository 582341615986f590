package org.tributary.query;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import org.tributary.domain.datapackage.api.PackageCreated;
import org.tributary.domain.executor.api.ExecutorCapabilities;
import org.tributary.domain.executor.api.ExecutorRegistered;
import org.tributary.domain.job.api.JobCalculated;
import org.tributary.domain.job.api.JobClaimed;
import org.tributary.domain.job.api.JobCreated;
import org.tributary.domain.job.api.JobDispatched;
import org.tributary.domain.job.api.JobFailed;
import org.tributary.domain.job.api.JobInput;
import org.tributary.domain.job.api.JobOutput;
import org.tributary.domain.job.api.JobProcessed;
import org.tributary.domain.job.api.JobProduced;
import org.tributary.domain.job.api.JobSpec;
import org.tributary.domain.job.api.JobStatus;
import org.tributary.domain.job.api.JobStatusReported;
import org.tributary.domain.job.api.JobUploaded;
import org.tributary.domain.project.api.DataLayerCreated;
import org.tributary.domain.project.api.LinkCreated;
import org.tributary.domain.project.api.LinkDeleted;
import org.tributary.domain.project.api.NodeActivityChanged;
import org.tributary.domain.project.api.NodeCreated;
import org.tributary.domain.project.api.NodeDeleted;
import org.tributary.domain.project.api.NodeFilePut;
import org.tributary.domain.project.api.NodeMoved;
import org.tributary.domain.project.api.NodeParametersDefined;
import org.tributary.domain.project.api.NodeRenamed;
import org.tributary.domain.project.api.ParameterValuesSet;
import org.tributary.domain.project.api.ProjectCreated;
import org.tributary.domain.shared.ContainerSpec;
import org.tributary.domain.shared.DataLayerKind;
import org.tributary.domain.shared.FileRef;
import org.tributary.domain.shared.LabelFilter;
import org.tributary.domain.shared.LinkType;
import org.tributary.domain.shared.Mapping;
import org.tributary.domain.shared.NodeKind;
import org.tributary.domain.shared.PackageOrigin;
import org.tributary.domain.shared.ParameterDefinition;
import org.tributary.domain.shared.ParameterType;
import org.tributary.testsupport.TestEventStore;
import org.tributary.testsupport.TestS3;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One project's life as command-service would write it: executor, graph, layers, an upload that runs a job whose
 * output is delivered downstream and processed again (three generations of packages), a job that fails, a
 * scratch node that is linked and deleted again, and a few plain uploads at a data node for paging.
 */
final class Scenario {

    static final long EXECUTOR = 1, PROJECT = 10, MAIN = 11, EXPERIMENT = 12;
    static final long DATA_NODE = 20, TRAIN = 21, REPORT = 22, SCRATCH = 23;
    static final long UPLOAD = 100, TRAINED = 101, DELIVERED = 102, REPORTED = 103;
    static final long FIRST_PLAIN = 110, LAST_PLAIN = 114;
    static final long TRAIN_JOB = 200, REPORT_JOB = 201, FAILED_JOB = 202;

    static final byte[] DATA = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
    static final FileRef DATA_FILE = file("data.csv", DATA, false, "text/csv");
    static final byte[] SCRIPT = "print('hi')\n".getBytes(StandardCharsets.UTF_8);
    static final FileRef RUN_PY = file("run.py", SCRIPT, true, "text/x-python");
    static final FileRef TRAIN_LOG = file(TRAIN_JOB + ".log", "log of 200".getBytes(StandardCharsets.UTF_8), false,
            "text/plain");
    static final FileRef FAILED_LOG = file(FAILED_JOB + ".log", "log of 202".getBytes(StandardCharsets.UTF_8),
            false, "text/plain");
    static final FileRef RESULT = file("out/1/files/result.txt", "42".getBytes(StandardCharsets.UTF_8), false,
            "text/plain");
    static final ContainerSpec CONTAINER = ContainerSpec.of("python:3.12-slim", "python run.py");

    /** Sequence number of the project aggregate's last event: the version the API must show. */
    long projectVersion;

    private final TestEventStore store;

    Scenario(TestEventStore store) {
        this.store = store;
    }

    /** Puts the package and job files into the project's bucket, as the uploaders would have. */
    static void storeObjects(TestS3 s3) throws Exception {
        MinioClient client = MinioClient.builder().endpoint(s3.endpoint())
                .credentials(TestS3.ACCESS_KEY, TestS3.SECRET_KEY).region("us-east-1").build();
        String bucket = "tributary-project-" + PROJECT;
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
        for (byte[] content : List.of(DATA, "log of 200".getBytes(StandardCharsets.UTF_8),
                "log of 202".getBytes(StandardCharsets.UTF_8))) {
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(sha256(content))
                    .stream(new ByteArrayInputStream(content), (long) content.length, -1L).build());
        }
    }

    Scenario appendAll() {
        store.append("Executor", "1", new ExecutorRegistered(EXECUTOR, "local",
                new ExecutorCapabilities(Map.of("nvidia", 2), 4)));

        project(new ProjectCreated(PROJECT, "demo", EXECUTOR));
        project(new DataLayerCreated(PROJECT, MAIN, "main", DataLayerKind.SHARED));
        project(new NodeCreated(PROJECT, DATA_NODE, "inbox", NodeKind.DATA, null, 0, 0, null));
        project(new NodeCreated(PROJECT, TRAIN, "trainer", NodeKind.COMPUTE, CONTAINER, 100, 50, null));
        project(new NodeRenamed(PROJECT, TRAIN, "train"));
        project(new NodeCreated(PROJECT, REPORT, "report", NodeKind.COMPUTE, CONTAINER, 300, 50, EXECUTOR));
        project(new NodeMoved(PROJECT, REPORT, 320, 60));
        project(new NodeParametersDefined(PROJECT, TRAIN, List.of(
                new ParameterDefinition("alpha", "Alpha", ParameterType.NUMBER, 0.5, Map.of("min", 0, "max", 1)),
                new ParameterDefinition("beta", null, ParameterType.NUMBER, 1, Map.of()),
                new ParameterDefinition("range", null, ParameterType.RANGE, List.of(0, 1), Map.of()),
                new ParameterDefinition("mode", null, ParameterType.STRING, "fast", Map.of()),
                new ParameterDefinition("name", "Name", ParameterType.STRING, "run", Map.of()))));
        project(new ParameterValuesSet(PROJECT, TRAIN, MAIN,
                ordered("alpha", 0.7, "beta", 3, "range", List.of(2, 5), "mode", "slow")));
        // beta leaves the schema and mode turns into a number: both values leave the layer's values
        project(new NodeParametersDefined(PROJECT, TRAIN, List.of(
                new ParameterDefinition("alpha", "Alpha", ParameterType.NUMBER, 0.5, Map.of("min", 0, "max", 1)),
                new ParameterDefinition("range", null, ParameterType.RANGE, List.of(0, 1), Map.of()),
                new ParameterDefinition("mode", null, ParameterType.NUMBER, 2, Map.of()),
                new ParameterDefinition("name", "Name", ParameterType.STRING, "run", Map.of()))));
        project(new NodeFilePut(PROJECT, TRAIN, RUN_PY));
        project(new LinkCreated(PROJECT, 30, DATA_NODE, TRAIN, LinkType.PUSH, LabelFilter.of("^run"),
                Mapping.of(Map.of("input.csv", "data.csv"))));
        project(new LinkCreated(PROJECT, 31, TRAIN, REPORT, LinkType.PUSH, LabelFilter.ANY, Mapping.NONE));
        project(new DataLayerCreated(PROJECT, EXPERIMENT, "experiment", DataLayerKind.PERSONAL));
        project(new NodeActivityChanged(PROJECT, REPORT, EXPERIMENT, false));
        project(new NodeCreated(PROJECT, SCRATCH, "scratch", NodeKind.DATA, null, 0, 200, null));
        project(new LinkCreated(PROJECT, 32, TRAIN, SCRATCH, LinkType.PULL, LabelFilter.ANY, Mapping.NONE));
        project(new LinkDeleted(PROJECT, 32));
        project(new NodeDeleted(PROJECT, SCRATCH));

        // generation 1: an upload at the compute node makes a job there
        Map<String, Object> uploadFields = ordered("x", List.of(1, 2), "note", "first");
        pkg(new PackageCreated(UPLOAD, PROJECT, TRAIN, MAIN, "run-1", uploadFields, List.of(DATA_FILE), List.of(),
                PackageOrigin.UPLOADED, null, null));
        JobSpec trainSpec = new JobSpec(TRAIN, MAIN, List.of(new JobInput(UPLOAD, "run-1", uploadFields,
                List.of(DATA_FILE))), ordered("alpha", 0.7, "name", "run"), CONTAINER, List.of(RUN_PY), false);
        job(TRAIN_JOB, new JobCreated(TRAIN_JOB, PROJECT, trainSpec, EXECUTOR));
        job(TRAIN_JOB, new JobDispatched(TRAIN_JOB, PROJECT, EXECUTOR, trainSpec));
        job(TRAIN_JOB, new JobClaimed(TRAIN_JOB, PROJECT, EXECUTOR));
        job(TRAIN_JOB, new JobStatusReported(TRAIN_JOB, PROJECT, JobStatus.QUEUED));
        job(TRAIN_JOB, new JobStatusReported(TRAIN_JOB, PROJECT, JobStatus.STARTED));
        job(TRAIN_JOB, new JobStatusReported(TRAIN_JOB, PROJECT, JobStatus.DOWNLOADED));
        job(TRAIN_JOB, new JobCalculated(TRAIN_JOB, PROJECT, 0, List.of(RUN_PY, RESULT, TRAIN_LOG),
                "sha256:" + "ab".repeat(32)));
        job(TRAIN_JOB, new JobUploaded(TRAIN_JOB, PROJECT));
        JobOutput output = new JobOutput(TRAINED, "run-1-trained", Map.of("score", 0.9),
                List.of(RESULT.renamed("result.txt")));
        job(TRAIN_JOB, new JobProduced(TRAIN_JOB, PROJECT, TRAIN, MAIN, List.of(UPLOAD), List.of(output)));
        // generation 2: the output, and its delivery along the push link (parents: the job's inputs)
        pkg(new PackageCreated(TRAINED, PROJECT, TRAIN, MAIN, "run-1-trained", Map.of("score", 0.9),
                output.files(), List.of(UPLOAD), PackageOrigin.PRODUCED, TRAIN_JOB, null));
        pkg(new PackageCreated(DELIVERED, PROJECT, REPORT, MAIN, "run-1-trained", Map.of("score", 0.9),
                output.files(), List.of(UPLOAD), PackageOrigin.DELIVERED, TRAIN_JOB, TRAINED));
        job(TRAIN_JOB, new JobProcessed(TRAIN_JOB, PROJECT));

        // generation 3: the report node's job on the delivered package
        JobSpec reportSpec = new JobSpec(REPORT, MAIN, List.of(new JobInput(DELIVERED, "run-1-trained",
                Map.of("score", 0.9), output.files())), Map.of(), CONTAINER, List.of(), false);
        job(REPORT_JOB, new JobCreated(REPORT_JOB, PROJECT, reportSpec, EXECUTOR));
        job(REPORT_JOB, new JobDispatched(REPORT_JOB, PROJECT, EXECUTOR, reportSpec));
        job(REPORT_JOB, new JobClaimed(REPORT_JOB, PROJECT, EXECUTOR));
        job(REPORT_JOB, new JobCalculated(REPORT_JOB, PROJECT, 0, List.of(), null));
        job(REPORT_JOB, new JobUploaded(REPORT_JOB, PROJECT));
        JobOutput report = new JobOutput(REPORTED, "report", Map.of("pages", 3), List.of());
        job(REPORT_JOB, new JobProduced(REPORT_JOB, PROJECT, REPORT, MAIN, List.of(DELIVERED), List.of(report)));
        pkg(new PackageCreated(REPORTED, PROJECT, REPORT, MAIN, "report", Map.of("pages", 3), List.of(),
                List.of(DELIVERED), PackageOrigin.PRODUCED, REPORT_JOB, null));
        job(REPORT_JOB, new JobProcessed(REPORT_JOB, PROJECT));

        // a second run of the report on the same input fails while downloading
        job(FAILED_JOB, new JobCreated(FAILED_JOB, PROJECT, reportSpec, EXECUTOR));
        job(FAILED_JOB, new JobDispatched(FAILED_JOB, PROJECT, EXECUTOR, reportSpec));
        job(FAILED_JOB, new JobClaimed(FAILED_JOB, PROJECT, EXECUTOR));
        job(FAILED_JOB, new JobStatusReported(FAILED_JOB, PROJECT, JobStatus.STARTED));
        job(FAILED_JOB, new JobFailed(FAILED_JOB, PROJECT, "DownloadError", "checksum mismatch for data.csv",
                List.of(FAILED_LOG)));

        for (long id = FIRST_PLAIN; id <= LAST_PLAIN; id++) {
            pkg(new PackageCreated(id, PROJECT, DATA_NODE, id % 2 == 0 ? MAIN : EXPERIMENT, "plain-" + id,
                    Map.of("i", id), List.of(), List.of(), PackageOrigin.UPLOADED, null, null));
        }
        return this;
    }

    private void project(Object event) {
        projectVersion = store.append("Project", Long.toString(PROJECT), event).sequence();
    }

    private void pkg(PackageCreated event) {
        store.append("DataPackage", Long.toString(event.packageId()), event);
    }

    private void job(long jobId, Object event) {
        store.append("Job", Long.toString(jobId), event);
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static FileRef file(String name, byte[] content, boolean executable, String type) {
        return new FileRef(name, sha256(content), content.length, executable, type);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
