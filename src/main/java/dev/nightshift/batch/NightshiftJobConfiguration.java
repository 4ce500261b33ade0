package dev.nightshift.batch;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The batch: five phases in order. Every outcome of a phase ("*") leads to the next, so a phase
 * that fails or times out never keeps the report from running.
 */
@Configuration(proxyBeanMethods = false)
class NightshiftJobConfiguration {

    static final String JOB_NAME = "nightshift";

    @Bean
    Job nightshiftJob(JobRepository repository, Step supervisorStep, Step buildStep, Step maintenanceStep,
                      Step integrationStep, Step reportStep) {
        return new JobBuilder(JOB_NAME, repository)
                .start(supervisorStep).on("*").to(buildStep)
                .from(buildStep).on("*").to(maintenanceStep)
                .from(maintenanceStep).on("*").to(integrationStep)
                .from(integrationStep).on("*").to(reportStep)
                .end()
                .build();
    }
}
