package casegrid.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Overdue is computed from the stored deadlines when it is read: with the engine clock past the T+2
 * feedback and no timer fired, the item page and the ledger's filter say overdue; feedback clears it at once.
 */
@CasegridTest
class OverdueNowTest {

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    boolean overdue(String number) {
        return new Http(port).as("center1").get("/api/risk-items/" + number).json().path("overdue").asBoolean();
    }

    List<String> ledgerOverdue() {
        JsonNode page = new Http(port).as("center1").get("/api/risk-items?overdue=true&community=C06&size=100").json();
        List<String> numbers = new ArrayList<>();
        page.path("items").forEach(item -> numbers.add(item.path("number").asText()));
        return numbers;
    }

    @Test
    void theLedgerShowsOverdueWhenTheClockPassesADeadlineWithoutAnyTimerFiring() {
        Scenario.clockAt("2026-11-23T10:00:00+08:00");
        Scenario item = new Scenario(engine, intake, jdbc).planned("C06", "MEDIUM");
        // T+2 from Monday's grading: due at the end of Wednesday.
        Scenario.clockAt("2026-11-25T23:00:00+08:00");
        assertThat(overdue(item.number)).isFalse();
        assertThat(ledgerOverdue()).doesNotContain(item.number);

        Scenario.clockAt("2026-11-26T00:30:00+08:00");
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(item.processInstanceId).executable()
                .count()).as("timers due, none run").isPositive();
        assertThat(overdue(item.number)).isTrue();
        assertThat(ledgerOverdue()).contains(item.number);

        item.complete("Task_Feedback", "c06-staff", "feedbackNote", "已核实");
        assertThat(overdue(item.number)).as("feedback given: no deadline passed now").isFalse();
        assertThat(ledgerOverdue()).doesNotContain(item.number);
    }
}
