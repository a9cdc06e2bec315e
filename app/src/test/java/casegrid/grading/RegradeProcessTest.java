package casegrid.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Scenario;
import casegrid.web.ApiException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Every path of riskItem's re-grading event sub-processes: the leader's 审批降级 and the emergency plan after a raise. */
@CasegridTest
class RegradeProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    @Autowired RegradeService regrading;
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

    RegradeService.Outcome regrade(String user, String level, String reason) {
        AtomicReference<RegradeService.Outcome> outcome = new AtomicReference<>();
        Authentication caller = caller(user);
        item.as(user, () -> outcome.set(regrading.regrade(caller, item.number, level, reason)));
        return outcome.get();
    }

    Authentication caller(String user) {
        List<SimpleGrantedAuthority> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId).map(SimpleGrantedAuthority::new).toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
    }

    List<String> candidateGroups(String taskKey) {
        return engine.getTaskService().getIdentityLinksForTask(item.task(taskKey).getId()).stream()
                .map(IdentityLink::getGroupId).toList();
    }

    long passed(String activityId) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(item.processInstanceId)
                .activityId(activityId).finished().count();
    }

    void draftEmergencyPlan(String supplies) {
        item.complete("Task_RegradeEmergencyPlan", "center2", "activationCriteria", "扬言报复", "standDownCriteria", "签订协议",
                "command", "包案领导", "duties", "分工", "emergencyMeasures", "稳控", "supplies", supplies);
    }

    @Test
    void loweringAHighWaitsAtTheStreetLeadersTaskAndItsApprovalAppliesTheNewLevel() {
        item.planned("C09", "HIGH");

        RegradeService.Outcome outcome = regrade("c09-staff", "MEDIUM", "双方已达成初步和解");

        assertThat(outcome.pending()).isTrue();
        assertThat(item.instance()).isWaitingAt("Task_ApproveRegrade", "Task_Feedback", "Task_Resolve");
        assertThat(item.task("Task_ApproveRegrade").getName()).isEqualTo("审批降级 · " + item.number + " 楼上漏水纠纷");
        assertThat(candidateGroups("Task_ApproveRegrade")).containsExactly("street-leaders");
        assertThat(item.variable("regradeFrom")).isEqualTo("HIGH");
        assertThat(item.variable("regradeTo")).isEqualTo("MEDIUM");
        assertThat(item.variable("regradeRequestedBy")).isEqualTo("c09-staff");
        assertThat(item.variable("regradeReason")).isEqualTo("双方已达成初步和解");
        assertThat(item.item().get("risk_level")).isEqualTo("HIGH");
        assertThat(item.status()).isEqualTo("RESOLVING");
        assertThatThrownBy(() -> regrade("center1", "LOW", "再次申请"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(409));

        item.complete("Task_ApproveRegrade", "leader1", "approved", true, "approvalNote", "同意降为中风险");

        assertThat(passed("EndEvent_RegradeDecided")).isEqualTo(1);
        assertThat(item.instance()).isWaitingAt("Task_Feedback", "Task_Resolve");
        assertThat(item.item().get("risk_level")).isEqualTo("MEDIUM");
        assertThat(item.item().get("regrade_level")).isNull();
        assertThat(item.variable("riskLevel")).isEqualTo("MEDIUM");
        assertThat(item.task("Task_Resolve").getPriority()).isEqualTo(60);
        // The leader's answer stays in the sub-process: 化解处置 shows the last approval note of its own work.
        assertThat(item.variable("approvalNote")).isEqualTo("");
        assertThat(item.eventKinds()).contains("REGRADE_REQUESTED", "REGRADED", "REGRADE_APPROVED");
        assertThat(item.status()).isEqualTo("RESOLVING");

        // Raised again: the emergency plan approved when it was first HIGH still stands, nothing to redo.
        regrade("c09-staff", "HIGH", "再次扬言报复");
        assertThat(item.instance()).isWaitingAt("Task_Feedback", "Task_Resolve");
    }

    @Test
    void aRefusedLoweringNeedsAReasonAndKeepsTheItemHigh() {
        item.planned("C10", "HIGH");
        regrade("c10-staff", "LOW", "当事人已搬离");

        assertThatThrownBy(() -> item.complete("Task_ApproveRegrade", "leader2", "approved", false))
                .hasMessageContaining("approvalNote");
        item.complete("Task_ApproveRegrade", "leader2", "approved", false, "approvalNote", "仍需观察一周");

        assertThat(passed("EndEvent_RegradeDecided")).isEqualTo(1);
        assertThat(item.item().get("risk_level")).isEqualTo("HIGH");
        assertThat(item.item().get("regrade_level")).isNull();
        assertThat(item.variable("riskLevel")).isEqualTo("HIGH");
        assertThat(item.eventKinds()).contains("REGRADE_REQUESTED", "REGRADE_REJECTED").doesNotContain("REGRADED");
        String summary = jdbc.sql("select summary from risk_item_event where number = ? and kind = 'REGRADE_REJECTED'")
                .param(item.number).query(String.class).single();
        assertThat(summary).contains("c10-staff", "仍需观察一周");
        // Decided: a new request may be made.
        assertThat(regrade("c10-staff", "LOW", "当事人已搬离外省").pending()).isTrue();
    }

    @Test
    void raisedToHighDuringResolutionTheEmergencyPlanIsDrawnUpAndApprovedBesideTheWork() {
        item.planned("C11", "MEDIUM");

        regrade("c11-staff", "HIGH", "当事人扬言报复");

        assertThat(item.instance()).isWaitingAt("Task_RegradeEmergencyPlan", "Task_Feedback", "Task_Resolve");
        assertThat(item.task("Task_RegradeEmergencyPlan").getName()).isEqualTo("编制应急预案 · " + item.number + " 楼上漏水纠纷");
        assertThat(candidateGroups("Task_RegradeEmergencyPlan")).containsExactly("street-center");
        assertThat(item.status()).isEqualTo("RESOLVING");
        String regraded = jdbc.sql("select summary from risk_item_event where number = ? and kind = 'REGRADED'")
                .param(item.number).query(String.class).single();
        assertThat(regraded).contains("由中调整为高", "须补编", "当事人扬言报复");

        draftEmergencyPlan("车辆");
        assertThat(candidateGroups("Task_ApproveRegradeEmergencyPlan")).containsExactly("street-leaders");
        assertThatThrownBy(() -> item.complete("Task_ApproveRegradeEmergencyPlan", "leader1", "approved", false))
                .hasMessageContaining("approvalNote");
        item.complete("Task_ApproveRegradeEmergencyPlan", "leader1", "approved", false, "approvalNote", "缺少医疗保障");
        assertThat(item.instance()).isWaitingAt("Task_RegradeEmergencyPlan", "Task_Feedback", "Task_Resolve");
        draftEmergencyPlan("车辆、急救箱");
        item.complete("Task_ApproveRegradeEmergencyPlan", "leader1", "approved", true, "approvalNote", "");

        assertThat(passed("EndEvent_RegradeEmergencyPlanInForce")).isEqualTo(1);
        assertThat(item.instance()).isWaitingAt("Task_Feedback", "Task_Resolve");
        assertThat(item.item().get("emergency_plan").toString()).contains("急救箱");
        assertThat(item.eventKinds()).contains("REGRADED", "EMERGENCY_PLAN_DRAFTED", "EMERGENCY_PLAN_REJECTED",
                "EMERGENCY_PLAN_APPROVED");
        assertThat(item.status()).isEqualTo("RESOLVING");
    }

    @Test
    void loweringApprovedWhileTheEmergencyPlanIsOpenEndsThatWorkWithANote() {
        item.planned("C12", "LOW");
        regrade("center1", "HIGH", "发现涉及危险物品");
        draftEmergencyPlan("灭火器");
        assertThat(item.instance()).isWaitingAt("Task_ApproveRegradeEmergencyPlan", "Task_Feedback", "Task_Resolve");

        regrade("center1", "LOW", "危险物品已清运");
        item.complete("Task_ApproveRegrade", "leader1", "approved", true, "approvalNote", "");

        assertThat(passed("EndEvent_EmergencyPlanWorkWithdrawn")).isEqualTo(1);
        assertThat(item.instance()).isWaitingAt("Task_Feedback", "Task_Resolve");
        assertThat(item.item().get("risk_level")).isEqualTo("LOW");
        String withdrawn = jdbc.sql("select actor || ' ' || summary from risk_item_event where number = ? and kind = 'EMERGENCY_PLAN_WITHDRAWN'")
                .param(item.number).query(String.class).single();
        assertThat(withdrawn).contains("leader1", "已降为低风险");
    }

    @Test
    void raisedBeforeThePlanTheMainFlowsGatewayAsksForTheEmergencyPlanItself() {
        item.intake("c13-grid1", Scenario.neighbourDispute("C13"));
        item.complete("Task_Grade", "c13-staff", "riskLevel", "MEDIUM", "fixableNow", false, "gradeReason", "现场核实后调整");
        assertThat(item.instance()).isWaitingAt("Task_Plan");

        regrade("c13-staff", "HIGH", "当事人扬言报复");
        assertThat(item.instance()).isWaitingAt("Task_Plan");

        item.complete("Task_Plan", "center1", "responsibleUnit", "community-C13", "responsibleLeader", "c13-leader",
                "investigator", "c13-grid1", "resolver", "c13-staff", "stabiliser", "c13-grid2", "dispatcher", "center1",
                "measures", "组织双方调解。", "resolveBy", "");
        assertThat(item.instance()).isWaitingAt("Task_EmergencyPlan");
        assertThat(passed("StartEvent_RaisedToHigh")).isZero();
    }

    @Test
    void aLoweringRequestUndecidedWhenTheItemIsWrittenOffEndsWithItOnTheTimeline() {
        item.planned("C14", "HIGH");
        regrade("c14-staff", "MEDIUM", "风险已基本消除");
        item.complete("Task_Feedback", "c14-staff", "feedbackNote", "已核实");
        item.complete("Task_Resolve", "c14-staff", "resolutionOutcome", "RESOLVED", "progressNote", "已化解");
        item.complete("Task_RequestClosure", "c14-staff", "closureOutcome", "CLAIM_RESOLVED", "closureEvidence", "协议",
                "noEvidenceReason", "纸质材料在社区存档");
        item.complete("Task_ApproveClosure", "leader1", "approved", true, "approvalNote", "同意");
        item.complete("Task_FollowUpVisit", "c14-staff", "satisfaction", "SATISFIED", "visitNote", "满意");

        assertThat(item.instance()).isEnded();
        assertThat(item.item().get("regrade_level")).isNull();
        assertThat(item.item().get("risk_level")).isEqualTo("HIGH");
        assertThat(item.eventKinds()).contains("REGRADE_LAPSED").doesNotContain("REGRADED");
    }

    @Test
    void aLeaderWhoDecidesAfterTheWriteOffIsToldTheRequestLapsedAndTheLevelStays() {
        item.planned("C15", "HIGH");
        regrade("c15-staff", "LOW", "风险已消除");
        item.complete("Task_Feedback", "c15-staff", "feedbackNote", "已核实");
        item.complete("Task_Resolve", "c15-staff", "resolutionOutcome", "RESOLVED", "progressNote", "已化解");
        item.complete("Task_RequestClosure", "c15-staff", "closureOutcome", "CLAIM_RESOLVED", "closureEvidence", "协议",
                "noEvidenceReason", "纸质材料在社区存档");
        item.complete("Task_ApproveClosure", "leader1", "approved", true, "approvalNote", "同意");
        assertThat(item.status()).isEqualTo("CLOSED");

        item.complete("Task_ApproveRegrade", "leader2", "approved", true, "approvalNote", "");

        assertThat(item.item().get("risk_level")).isEqualTo("HIGH");
        assertThat(item.item().get("regrade_level")).isNull();
        assertThat(item.eventKinds()).contains("REGRADE_LAPSED").doesNotContain("REGRADED", "REGRADE_APPROVED");
        assertThat(item.instance()).isWaitingAt("Task_FollowUpVisit");
    }
}
