package casegrid.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import casegrid.intake.IntakeService;
import casegrid.security.AppStart;
import casegrid.support.CasegridTest;
import casegrid.support.Scenario;
import java.time.ZonedDateTime;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The item's one writer on PostgreSQL: typed steps, checked moves, deadlines stored once. */
@CasegridTest
class RiskItemStoreTest {

    @Autowired RiskItemStore items;
    @Autowired IntakeService intake;
    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;
    Scenario item;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        Scenario.clockAt("2026-11-23T10:00:00+08:00");
        item = new Scenario(engine, intake, jdbc);
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        BpmnAwareTests.reset();
    }

    String registered(String community) {
        return intake.createItem(Scenario.neighbourDispute(community), community.toLowerCase() + "-grid1");
    }

    @Test
    void aRegisteredItemReadsBackTyped() {
        String number = registered("C02");
        RiskItem read = items.require(number);
        assertThat(read.status()).isEqualTo(ItemStatus.REGISTERED);
        assertThat(read.community()).isEqualTo("C02");
        assertThat(read.reportedBy()).isEqualTo("c02-grid1");
        assertThat(read.peopleInvolved()).isEqualTo(2);
        assertThat(read.riskLevel()).isNull();
        assertThat(read.deadlines()).isEqualTo(Deadlines.UNCHANGED);
        assertThat(items.parties(number)).hasSize(1);
        assertThat(items.sources(number)).singleElement().satisfies(s -> assertThat(s.get("via_number")).isEqualTo(number));
    }

    @Test
    void aMoveTheTableRefusesLeavesTheRowAsItWas() {
        String number = registered("C02");
        Date now = ClockUtil.getCurrentTime();
        assertThatThrownBy(() -> items.close(number, now, "leader1", now))
                .isInstanceOf(ItemStatus.IllegalMove.class).hasMessageContaining("REGISTERED → CLOSED");
        assertThatThrownBy(() -> items.transfer(number, "区住建局"))
                .hasMessageContaining("REGISTERED → TRANSFERRED");
        RiskItem unchanged = items.require(number);
        assertThat(unchanged.status()).isEqualTo(ItemStatus.REGISTERED);
        assertThat(unchanged.closedAt()).isNull();
        assertThat(unchanged.transferredTo()).isNull();
    }

    @Test
    void aMergeEndsTheRepeatAndGrowsTheOriginal() {
        String original = registered("C02");
        String repeat = registered("C02");
        items.merge(repeat, original, ClockUtil.getCurrentTime());
        assertThat(items.require(repeat).status()).isEqualTo(ItemStatus.MERGED);
        assertThat(items.require(repeat).mergedInto()).isEqualTo(original);
        assertThat(items.require(original).repeatCount()).isEqualTo(1);
        assertThat(items.sources(original)).extracting(s -> s.get("via_number")).containsExactly(original, repeat);
        assertThatThrownBy(() -> items.merge(repeat, original, ClockUtil.getCurrentTime()))
                .hasMessageContaining("MERGED → MERGED");
        assertThat(items.require(original).repeatCount()).isEqualTo(1);
    }

    @Test
    void overdueCountsOnlyWhileOpen() {
        String number = registered("C02");
        Date yesterday = new Date(ClockUtil.getCurrentTime().getTime() - 86_400_000L);
        items.changeDeadlines(number, Deadlines.UNCHANGED.withResolveBy(yesterday));
        assertThat(items.require(number).overdue()).isTrue();
        items.enter(number, ItemStatus.MERGED);
        items.refreshOverdue(number);
        assertThat(items.require(number).overdue()).isFalse();
    }

    @Test
    void anApprovedExtensionMovesTheStoredDeadlineTheVariableAndTheTimerTogether() {
        item.planned("C02", "LOW");
        Date planned = items.deadlines(item.number).resolveBy();
        assertThat(item.timer("Timer_ResolveByPassed").getDuedate()).isEqualTo(planned);
        item.complete("Task_Resolve", "c02-staff", "resolutionOutcome", "EXTEND", "progressNote", "需等待鉴定",
                "extendTo", "2027-01-31");
        // Asked for, not yet granted: the stored deadline stays.
        assertThat(items.deadlines(item.number).resolveBy()).isEqualTo(planned);
        item.complete("Task_ApproveExtension", "c02-leader", "approved", true, "approvalNote", "");
        Date extended = Date.from(ZonedDateTime.parse("2027-02-01T00:00:00+08:00").toInstant());
        assertThat(items.deadlines(item.number).resolveBy()).isEqualTo(extended);
        assertThat(item.variable("resolveBy")).isEqualTo(extended);
        assertThat(item.timer("Timer_ResolveByPassed").getDuedate()).isEqualTo(extended);
    }

    @Test
    void aWriteOffStoresTheFollowUpVisitDeadlineTheVisitReads() {
        item.planned("C02", "LOW");
        item.complete("Task_Resolve", "c02-staff", "resolutionOutcome", "RESOLVED", "progressNote", "已调解");
        item.complete("Task_RequestClosure", "c02-staff", "closureOutcome", "CLAIM_RESOLVED", "closureEvidence", "调解协议", "noEvidenceReason", "纸质材料在社区存档");
        item.complete("Task_ApproveClosure", "c02-leader", "approved", true, "approvalNote", "");
        RiskItem closed = items.require(item.number);
        assertThat(closed.status()).isEqualTo(ItemStatus.CLOSED);
        assertThat(closed.deadlines().followUpDue()).isNotNull().isEqualTo(item.variable("followUpDue"));
    }

    @Test
    void aModelCannotPutAnItemIntoAStatusItsCurrentOneDoesNotLeadTo() {
        String number = registered("C02");
        // A designer's task that claims to close an item still being registered.
        String model = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Impossible"
                    targetNamespace="http://casegrid/test">
                  <bpmn:process id="impossibleStatus" name="不可能的状态" isExecutable="true" camunda:historyTimeToLive="1">
                    <bpmn:startEvent id="StartEvent_Impossible" name="开始"/>
                    <bpmn:sequenceFlow id="Flow_ToTask" sourceRef="StartEvent_Impossible" targetRef="Task_CloseEarly"/>
                    <bpmn:userTask id="Task_CloseEarly" name="提前销号" camunda:candidateGroups="street-center">
                      <bpmn:extensionElements>
                        <camunda:properties><camunda:property name="status" value="CLOSED"/></camunda:properties>
                      </bpmn:extensionElements>
                    </bpmn:userTask>
                    <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Task_CloseEarly" targetRef="EndEvent_Impossible"/>
                    <bpmn:endEvent id="EndEvent_Impossible" name="结束"/>
                  </bpmn:process>
                </bpmn:definitions>""";
        Deployment deployment = engine.getRepositoryService().createDeployment()
                .addString("impossible-status.bpmn", model).deploy();
        try {
            // Started on the item as the app starts work on it (a client may not name a business key at all).
            assertThatThrownBy(() -> AppStart.run(number,
                    () -> engine.getRuntimeService().startProcessInstanceByKey("impossibleStatus", number)))
                    .hasMessageContaining("REGISTERED → CLOSED");
            assertThat(items.require(number).status()).isEqualTo(ItemStatus.REGISTERED);
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
        }
    }
}
