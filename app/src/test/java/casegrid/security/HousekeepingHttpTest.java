package casegrid.security;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Hole 6: jobs that belong to no process (here the history-cleanup job) are managed by the
 * administrator only; Camunda itself checks no permission on them.
 */
@CasegridTest
class HousekeepingHttpTest {

    @LocalServerPort int port;
    @Autowired ManagementService managementService;
    Job cleanup;

    @BeforeEach
    void findTheHistoryCleanupJob() {
        Http.Response scheduled = new Http(port).as("admin").postJson("/engine-rest/history/cleanup?immediatelyDue=false", "");
        assertThat(scheduled.status()).isEqualTo(200);
        cleanup = managementService.createJobQuery().jobId(scheduled.json().path("id").asText()).singleResult();
        assertThat(cleanup.getProcessDefinitionId()).as("a job of no process").isNull();
    }

    @Test
    void aCaseworkerCannotTouchTheHistoryCleanupJob() {
        Http staff = new Http(port).as("c03-staff");
        String job = "/engine-rest/job/" + cleanup.getId();
        assertThat(staff.putJson(job + "/retries", Map.of("retries", 0)).status()).isEqualTo(403);
        assertThat(staff.putJson(job + "/duedate", Map.of("duedate", "2099-01-01T00:00:00.000+0800")).status()).isEqualTo(403);
        assertThat(staff.putJson(job + "/priority", Map.of("priority", 99)).status()).isEqualTo(403);
        assertThat(staff.putJson(job + "/suspended", Map.of("suspended", true)).status()).isEqualTo(403);
        assertThat(staff.postJson(job + "/execute", "").status()).isEqualTo(403);
        assertThat(staff.delete(job).status()).isEqualTo(403);
        String definition = "/engine-rest/job-definition/" + cleanup.getJobDefinitionId();
        assertThat(staff.putJson(definition + "/suspended", Map.of("suspended", true)).status()).isEqualTo(403);
        assertThat(staff.putJson(definition + "/retries", Map.of("retries", 0)).status()).isEqualTo(403);
        assertThat(staff.putJson(definition + "/jobPriority", Map.of("priority", 99)).status()).isEqualTo(403);
        Http.Response refused = staff.postJson("/engine-rest/job/retries", Map.of("retries", 0, "jobIds", java.util.List.of(cleanup.getId())));
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(staff.postJson("/engine-rest/history/cleanup", "").status()).isEqualTo(403);

        Job after = managementService.createJobQuery().jobId(cleanup.getId()).singleResult();
        assertThat(after).as("the job is still there").isNotNull();
        assertThat(after.getRetries()).isEqualTo(cleanup.getRetries());
        assertThat(after.getDuedate()).isEqualTo(cleanup.getDuedate());
        assertThat(after.getPriority()).isEqualTo(cleanup.getPriority());
        assertThat(after.isSuspended()).isFalse();
    }

    @Test
    void theAdministratorStillManagesIt() {
        Http admin = new Http(port).as("admin");
        String job = "/engine-rest/job/" + cleanup.getId();
        assertThat(admin.putJson(job + "/retries", Map.of("retries", cleanup.getRetries())).status()).isEqualTo(204);
        assertThat(admin.putJson(job + "/priority", Map.of("priority", cleanup.getPriority())).status()).isEqualTo(204);
        assertThat(admin.putJson(job + "/suspended", Map.of("suspended", true)).status()).isEqualTo(204);
        assertThat(admin.putJson(job + "/suspended", Map.of("suspended", false)).status()).isEqualTo(204);
        assertThat(managementService.createJobQuery().jobId(cleanup.getId()).singleResult().isSuspended()).isFalse();
    }
}
