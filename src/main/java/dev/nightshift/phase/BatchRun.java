package dev.nightshift.phase;

import java.time.Instant;
import java.util.Map;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The batch a phase belongs to, as carried by the Spring Batch job parameters.
 *
 * @param projectFilter when set, only this project is worked on ({@code run --project P})
 */
public record BatchRun(String batchId, boolean dryRun, String projectFilter, Instant startedAt, String trigger) {

    public static final String BATCH_ID = "batchId";

    public JobParameters toJobParameters() {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(BATCH_ID, batchId)
                .addString("dryRun", Boolean.toString(dryRun), false)
                .addLong("startedAt", startedAt.toEpochMilli(), false)
                .addString("trigger", trigger, false);
        if (projectFilter != null) {
            builder.addString("project", projectFilter, false);
        }
        return builder.toJobParameters();
    }

    public static BatchRun from(Map<String, Object> jobParameters) {
        Object project = jobParameters.get("project");
        Object startedAt = jobParameters.get("startedAt");
        return new BatchRun(
                String.valueOf(jobParameters.get(BATCH_ID)),
                Boolean.parseBoolean(String.valueOf(jobParameters.get("dryRun"))),
                project == null ? null : project.toString(),
                startedAt instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : Instant.now(),
                String.valueOf(jobParameters.getOrDefault("trigger", "cli")));
    }

    public static BatchRun from(JobParameters parameters) {
        Map<String, Object> values = new java.util.HashMap<>();
        parameters.parameters().forEach(p -> values.put(p.name(), p.value()));
        return from(values);
    }

    public boolean includes(String project) {
        return projectFilter == null || projectFilter.equals(project);
    }
}
