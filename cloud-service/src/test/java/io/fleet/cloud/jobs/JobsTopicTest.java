package io.fleet.cloud.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleet.cloud.jobs.JobsTopic.Operation;
import org.junit.jupiter.api.Test;

class JobsTopicTest {

    @Test
    void theFourRequestTopicsAreRecognised() {
        assertThat(JobsTopic.parse("$aws/things/rig-1/jobs/get")).contains(
                new JobsTopic("rig-1", Operation.GET_PENDING, null));
        assertThat(JobsTopic.parse("$aws/things/rig-1/jobs/start-next")).contains(
                new JobsTopic("rig-1", Operation.START_NEXT, null));
        assertThat(JobsTopic.parse("$aws/things/rig-1/jobs/$next/get")).contains(
                new JobsTopic("rig-1", Operation.DESCRIBE, "$next"));
        assertThat(JobsTopic.parse("$aws/things/rig-1/jobs/job-7/update")).contains(
                new JobsTopic("rig-1", Operation.UPDATE, "job-7"));
    }

    @Test
    void otherTopicsBelowJobsAreInvalidButTheServicesOwnTopicsAreNoRequests() {
        assertThat(JobsTopic.parse("$aws/things/rig-1/jobs/job-7/frobnicate")).get()
                .extracting(JobsTopic::operation).isEqualTo(Operation.INVALID);
        assertThat(JobsTopic.parse("$aws/things/rig-1/jobs/$next/update")).get()
                .extracting(JobsTopic::operation).as("$next is for describe only").isEqualTo(Operation.INVALID);
        assertThat(JobsTopic.parse("$aws/things/rig-1/jobs/bad.id/get")).get()
                .extracting(JobsTopic::operation).isEqualTo(Operation.INVALID);
        assertThat(JobsTopic.isRequest("$aws/things/rig-1/jobs/get/accepted")).isFalse();
        assertThat(JobsTopic.isRequest("$aws/things/rig-1/jobs/job-7/update/rejected")).isFalse();
        assertThat(JobsTopic.isRequest("$aws/things/rig-1/jobs/notify-next")).isFalse();
        assertThat(JobsTopic.isRequest("$aws/things/rig-1/shadow/get")).isFalse();
        assertThat(JobsTopic.isRequest("$aws/things/rig-1/jobs")).isFalse();
    }

    @Test
    void everyTopicBelowAThingsJobsIsAJobsTopicAndNothingElseIs() {
        assertThat(JobsTopic.isJobsTopic("$aws/things/rig-1/jobs/get")).isTrue();
        assertThat(JobsTopic.isJobsTopic("$aws/things/rig-1/jobs/j1/update/accepted")).isTrue();
        assertThat(JobsTopic.isJobsTopic("$aws/things/rig-1/jobs/notify")).isTrue();
        assertThat(JobsTopic.isJobsTopic("$aws/things/rig-1/shadow/update")).isFalse();
        assertThat(JobsTopic.isJobsTopic("$aws/things/rig-1/shadow/name/jobs/update")).isFalse();
        assertThat(JobsTopic.isJobsTopic("$aws/things/rig-1/jobs")).isFalse();
        assertThat(JobsTopic.isJobsTopic("vehicles/rig-1/jobs/get")).isFalse();
    }
}
