package casegrid.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import casegrid.access.ItemAccess;
import casegrid.attachment.AttachmentPurpose;
import casegrid.attachment.Attachments;
import casegrid.intake.IntakeRequest;
import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Scenario;
import casegrid.support.TestFiles;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every path of riskItem, driven as its users would, timers by the engine clock. */
@CasegridTest
class RiskItemProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    @Autowired Attachments attachments;
    @Autowired ItemAccess access;
    Scenario item;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        // Monday 2026-11-23, 10:00 in the office.
        Scenario.clockAt("2026-11-23T10:00:00+08:00");
        item = new Scenario(engine, intake, jdbc);
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        BpmnAwareTests.reset();
    }

    Scenario gradedAs(String community, String level) {
        item.intake(community.toLowerCase() + "-grid1", Scenario.neighbourDispute(community));
        item.complete("Task_Grade", community.toLowerCase() + "-staff", "riskLevel", level, "fixableNow", false,
                "gradeReason", "现场核实后调整");
        return item;
    }

    Scenario planned(String community, String level) {
        return item.planned(community, level);
    }

    Scenario resolvedAndRequested(String community, String level) {
        planned(community, level);
        String resolver = community.toLowerCase() + "-staff";
        item.complete("Task_Feedback", resolver, "feedbackNote", "已核实，双方同意调解");
        item.complete("Task_Resolve", resolver, "resolutionOutcome", "RESOLVED", "progressNote", "签订调解协议，已维修");
        return item;
    }

    @Test
    void intakeNumbersTheItemAndWaitsForGradingByItsCommunity() {
        item.intake("c03-grid1", Scenario.neighbourDispute("C03"));
        assertThat(item.number).matches("QF-2026-\\d{6}");
        assertThat(item.instance()).isWaitingAt("Task_Grade");
        assertThat(item.instance().getBusinessKey()).isEqualTo(item.number);
        Task grade = item.task("Task_Grade");
        assertThat(grade.getName()).isEqualTo("研判定级 · " + item.number + " 楼上漏水纠纷");
        assertThat(engine.getTaskService().getIdentityLinksForTask(grade.getId()))
                .anyMatch(l -> "community-C03-staff".equals(l.getGroupId()))
                .noneMatch(l -> "community-C03".equals(l.getGroupId()));
        assertThat(item.variable("suggestedLevel")).isEqualTo("LOW");
        assertThat(item.status()).isEqualTo("GRADING");
        assertThat(item.eventKinds()).containsExactly("REGISTERED");
        assertThat(item.variable("partyName")).isNull();
    }

    @Test
    void fixNowGoesStraightToClosureAndEndsClosedAfterASatisfiedVisit() {
        item.intake("c04-grid1", Scenario.neighbourDispute("C04"));
        item.complete("Task_Grade", "c04-staff", "riskLevel", "LOW", "fixableNow", true);
        assertThat(item.instance()).isWaitingAt("Task_RectifyNow");
        assertThat(item.status()).isEqualTo("RECTIFYING");
        item.complete("Task_RectifyNow", "c04-staff", "rectificationNote", "当天协调物业维修完毕");
        assertThat(item.instance()).isWaitingAt("Task_RequestClosure");
        item.complete("Task_RequestClosure", "c04-staff", "closureOutcome", "RECTIFIED", "closureEvidence", "维修照片三张", "noEvidenceReason", "纸质材料在社区存档");
        assertThat(item.status()).isEqualTo("CLOSURE_PENDING");
        Task approval = item.task("Task_ApproveClosure");
        assertThat(engine.getTaskService().getIdentityLinksForTask(approval.getId()))
                .anyMatch(l -> "community-C04-leaders".equals(l.getGroupId()));
        item.complete("Task_ApproveClosure", "c04-leader", "approved", true, "approvalNote", "");
        assertThat(item.status()).isEqualTo("CLOSED");
        assertThat(item.item().get("closed_by")).isEqualTo("c04-leader");
        assertThat(item.instance()).isWaitingAt("Task_FollowUpVisit");
        item.complete("Task_FollowUpVisit", "c04-staff", "satisfaction", "SATISFIED", "visitNote", "当事人满意");
        assertThat(item.instance()).isEnded();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(item.processInstanceId)
                .activityId("EndEvent_Closed").count()).isEqualTo(1);
        assertThat(item.status()).isEqualTo("CLOSED");
    }

    @Test
    void theT2ClockRunsFromTheGradingNotFromThePlanAndEveryTaskHasADueDate() {
        gradedAs("C05", "MEDIUM");
        // Decision_TaskDeadline: a medium plan within 3 working days of Monday 10:00 → the end of Thursday.
        assertThat(item.task("Task_Plan").getDueDate())
                .isEqualTo(Date.from(ZonedDateTime.parse("2026-11-27T00:00:00+08:00").toInstant()));
        Scenario.clockAt("2026-11-24T15:00:00+08:00");
        item.complete("Task_Plan", "c05-staff", "responsibleUnit", "community-C05", "responsibleLeader", "c05-leader",
                "investigator", "c05-grid1", "resolver", "c05-staff", "stabiliser", "c05-grid2", "dispatcher", "center1",
                "measures", "组织双方调解。", "resolveBy", "");
        // Planned on Tuesday, yet feedback is still due at the end of Wednesday: T+2 counts from the warning.
        assertThat(item.task("Task_Feedback").getDueDate())
                .isEqualTo(Date.from(ZonedDateTime.parse("2026-11-26T00:00:00+08:00").toInstant()));
    }

    @Test
    void gradingStartsTheT2ClockAndGivesPriorityByLevel() {
        gradedAs("C05", "MEDIUM");
        // Monday 10:00 graded: T+2 working days = end of Wednesday 2026-11-25.
        assertThat((Date) item.variable("feedbackDue"))
                .isEqualTo(Date.from(ZonedDateTime.parse("2026-11-26T00:00:00+08:00").toInstant()));
        assertThat(item.variable("priority")).isEqualTo(60);
        assertThat(item.item().get("graded_by")).isEqualTo("c05-staff");
        assertThat(item.eventKinds()).contains("WARNING");
        Task plan = item.task("Task_Plan");
        assertThat(plan.getPriority()).isEqualTo(60);
        assertThat(engine.getTaskService().getIdentityLinksForTask(plan.getId()))
                .anyMatch(l -> "community-C05-staff".equals(l.getGroupId()));
    }

    @Test
    void overridingTheSuggestionNeedsAReason() {
        item.intake("c06-grid1", Scenario.neighbourDispute("C06"));
        Task grade = item.task("Task_Grade");
        item.as("c06-staff", () -> engine.getTaskService().claim(grade.getId(), "c06-staff"));
        assertThatThrownBy(() -> item.as("c06-staff", () -> engine.getTaskService().complete(grade.getId(),
                java.util.Map.of("riskLevel", "HIGH", "fixableNow", false))))
                .hasMessageContaining("gradeReason");
        assertThat(item.instance()).isWaitingAt("Task_Grade");
        assertThat(item.item().get("risk_level")).isNull();
    }

    @Test
    void mediumRiskIsPlannedByTheCommunityResolvedAndClosedByItsLeader() {
        resolvedAndRequested("C07", "MEDIUM");
        assertThat(item.instance()).isWaitingAt("Task_RequestClosure");
        assertThat(item.item().get("resolver")).isEqualTo("c07-staff");
        item.complete("Task_RequestClosure", "c07-staff", "closureOutcome", "CLAIM_RESOLVED", "closureEvidence", "调解协议书", "noEvidenceReason", "纸质材料在社区存档");
        item.complete("Task_ApproveClosure", "c07-leader", "approved", true, "approvalNote", "同意");
        item.complete("Task_FollowUpVisit", "c07-staff", "satisfaction", "BASICALLY_SATISFIED", "visitNote", "基本满意");
        assertThat(item.instance()).isEnded();
        assertThat(item.eventKinds()).contains("PLANNED", "FEEDBACK_GIVEN", "RESOLUTION_REQUESTED", "CLOSURE_REQUESTED", "CLOSED",
                "FOLLOW_UP_VISITED");
    }

    @Test
    void highRiskIsPlannedByTheStreetCenterAndItsEmergencyPlanCanBeSentBack() {
        gradedAs("C08", "HIGH");
        Task plan = item.task("Task_Plan");
        assertThat(engine.getTaskService().getIdentityLinksForTask(plan.getId()))
                .anyMatch(l -> "street-center".equals(l.getGroupId()));
        item.complete("Task_Plan", "center1", "responsibleUnit", "dept-justice", "responsibleLeader", "leader1",
                "investigator", "c08-grid1", "resolver", "justice1", "stabiliser", "police1", "dispatcher", "center1",
                "measures", "司法所牵头调解", "resolveBy", "2026-11-28");
        assertThat(item.instance()).isWaitingAt("Task_EmergencyPlan");
        item.complete("Task_EmergencyPlan", "center2", "activationCriteria", "扬言报复", "standDownCriteria", "签订协议",
                "command", "包案领导", "duties", "分工", "emergencyMeasures", "稳控", "supplies", "车辆");
        assertThatThrownBy(() -> item.complete("Task_ApproveEmergencyPlan", "leader2", "approved", false))
                .hasMessageContaining("approvalNote");
        item.complete("Task_ApproveEmergencyPlan", "leader2", "approved", false, "approvalNote", "缺少医疗保障");
        assertThat(item.instance()).isWaitingAt("Task_EmergencyPlan");
        assertThat(item.variable("approvalNote")).isEqualTo("缺少医疗保障");
        item.complete("Task_EmergencyPlan", "center2", "activationCriteria", "扬言报复", "standDownCriteria", "签订协议",
                "command", "包案领导", "duties", "分工", "emergencyMeasures", "稳控", "supplies", "车辆、急救箱");
        item.complete("Task_ApproveEmergencyPlan", "leader2", "approved", true, "approvalNote", "");
        assertThat(item.instance()).isWaitingAt("Task_Feedback", "Task_Resolve");
        assertThat(item.task("Task_Resolve").getAssignee()).isEqualTo("justice1");
        assertThat(item.item().get("emergency_plan").toString()).contains("急救箱");
        // Closure of a high risk is for the street leaders.
        item.complete("Task_Feedback", "justice1", "feedbackNote", "已约谈");
        item.complete("Task_Resolve", "justice1", "resolutionOutcome", "RESOLVED", "progressNote", "已化解");
        item.complete("Task_RequestClosure", "justice1", "closureOutcome", "LAWFULLY_HANDLED", "closureEvidence", "笔录", "noEvidenceReason", "纸质材料在社区存档");
        assertThat(engine.getTaskService().getIdentityLinksForTask(item.task("Task_ApproveClosure").getId()))
                .anyMatch(l -> "street-leaders".equals(l.getGroupId()));
    }

    @Test
    void aReturnGoesToTheStreetCenterForRedispatchAndCountsAgainstTheUnit() {
        planned("C09", "LOW");
        item.complete("Task_Resolve", "c09-staff", "resolutionOutcome", "RETURN", "progressNote", "非本社区职责",
                "returnReason", "属住建部门职责");
        assertThat(item.instance()).isWaitingAt("Task_Redispatch");
        assertThat(item.status()).isEqualTo("PLANNING");
        assertThat(jdbc.sql("select count(*) from risk_item_event where number = ? and kind = 'RETURNED' and unit = 'community-C09'")
                .param(item.number).query(Integer.class).single()).isEqualTo(1);
        // The form shows the returning unit by its name, from the units the app offers, not as a group id.
        assertThat(engine.getTaskService().getVariableLocal(item.task("Task_Redispatch").getId(), "allUnitOptions").toString())
                .contains("{\"label\":\"福新社区\",\"value\":\"community-C09\"}");
        item.complete("Task_Redispatch", "center1", "redispatchNote", "改派住建办");
        assertThat(item.instance()).isWaitingAt("Task_Plan");
    }

    @Test
    void anExtensionApprovedBeforeTheDeadlineMovesTheResolveByTimer() {
        planned("C10", "LOW");
        Date before = item.timer("Timer_ResolveByPassed").getDuedate();
        item.complete("Task_Resolve", "c10-staff", "resolutionOutcome", "EXTEND", "progressNote", "需等待鉴定",
                "extendTo", "2027-01-31");
        Task approval = item.task("Task_ApproveExtension");
        assertThat(engine.getTaskService().getIdentityLinksForTask(approval.getId()))
                .anyMatch(l -> "community-C10-leaders".equals(l.getGroupId()));
        item.complete("Task_ApproveExtension", "c10-leader", "approved", true, "approvalNote", "");
        assertThat(item.instance()).isWaitingAt("Task_Resolve");
        Date after = item.timer("Timer_ResolveByPassed").getDuedate();
        assertThat(after).isAfter(before)
                .isEqualTo(Date.from(ZonedDateTime.parse("2027-02-01T00:00:00+08:00").toInstant()));
    }

    @Test
    void aRejectedExtensionLeavesTheDeadline() {
        planned("C11", "LOW");
        Date before = item.timer("Timer_ResolveByPassed").getDuedate();
        item.complete("Task_Resolve", "c11-staff", "resolutionOutcome", "EXTEND", "progressNote", "需等待",
                "extendTo", "2027-01-31");
        item.complete("Task_ApproveExtension", "c11-leader", "approved", false, "approvalNote", "应按期办结");
        assertThat(item.instance()).isWaitingAt("Task_Resolve");
        assertThat(item.timer("Timer_ResolveByPassed").getDuedate()).isEqualTo(before);
    }

    @Test
    void anExtensionAfterTheDeadlineIsRefused() {
        planned("C12", "LOW");
        item.complete("Task_Feedback", "c12-staff", "feedbackNote", "已核实");
        Date resolveBy = (Date) item.variable("resolveBy");
        ClockUtil.setCurrentTime(new Date(resolveBy.getTime() + 3_600_000));
        assertThatThrownBy(() -> item.complete("Task_Resolve", "c12-staff", "resolutionOutcome", "EXTEND",
                "progressNote", "来不及", "extendTo", "2027-03-31"))
                .hasMessageContaining("extendTo").hasMessageContaining("已过");
        assertThat(item.instance()).isWaitingAt("Task_Resolve");
    }

    @Test
    void aTransferEndsTheItemTransferred() {
        planned("C13", "MEDIUM");
        item.complete("Task_Resolve", "c13-staff", "resolutionOutcome", "TRANSFER", "progressNote", "跨区事项",
                "transferTo", "OTHER_STREET");
        assertThat(item.instance()).isEnded();
        assertThat(item.status()).isEqualTo("TRANSFERRED");
        assertThat(item.item().get("transferred_to")).isEqualTo("OTHER_STREET");
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(item.processInstanceId)
                .activityId("EndEvent_Transferred").count()).isEqualTo(1);
    }

    @Test
    void aMissedT2ClimbsFromReminderToSupervisionToPublicNotice() {
        planned("C14", "MEDIUM");
        item.fire("Timer_FeedbackOverdue");
        assertThat(item.item().get("overdue")).isEqualTo(true);
        assertThat(item.eventKinds()).contains("DEADLINE_MISSED", "REMINDED");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(item.number)
                .taskDefinitionKey("Task_IssueSupervision").count()).isZero();

        item.fire("Timer_FeedbackOverdue");
        Task issue = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(item.number)
                .taskDefinitionKey("Task_IssueSupervision").singleResult();
        assertThat(engine.getTaskService().getIdentityLinksForTask(issue.getId()))
                .anyMatch(l -> "supervision-3".equals(l.getGroupId()));
        assertThat(issue.getName()).startsWith("下发督办 · " + item.number);

        item.fire("Timer_FeedbackOverdue");
        assertThat(item.eventKinds()).contains("PUBLIC_NOTICE");
        assertThat(jdbc.sql("select step from supervision_record where number = ? order by miss_number").param(item.number)
                .query(String.class).list()).containsExactly("REMINDER", "MISSED", "NOTICE");

        // The supervision group issues, the unit replies.
        engine.getTaskService().complete(issue.getId(), java.util.Map.of("supervisionNotice", "请于两日内反馈"));
        Task reply = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(item.number)
                .taskDefinitionKey("Task_ReplySupervision").singleResult();
        assertThat(engine.getTaskService().getIdentityLinksForTask(reply.getId()))
                .anyMatch(l -> "community-C14-staff".equals(l.getGroupId()));
        engine.getTaskService().complete(reply.getId(), java.util.Map.of("supervisionReply", "已反馈"));
        assertThat(jdbc.sql("select count(*) from supervision_record where number = ? and step = 'SUPERVISION' and reply = '已反馈'")
                .param(item.number).query(Integer.class).single()).isEqualTo(1);

        // Feedback given: the chase stops.
        item.complete("Task_Feedback", "c14-staff", "feedbackNote", "迟到的反馈");
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(item.processInstanceId)
                .activityId("Timer_FeedbackOverdue").count()).isZero();
    }

    @Test
    void aMissedWeeklyUpdateIsChasedAndAnUpdateResetsTheWeek() {
        planned("C15", "LOW");
        item.complete("Task_Feedback", "c15-staff", "feedbackNote", "已核实");
        item.fire("Timer_WeeklyUpdateMissed");
        assertThat(jdbc.sql("select deadline from supervision_record where number = ?").param(item.number)
                .query(String.class).list()).containsExactly("weekly-update");
        item.complete("Task_Resolve", "c15-staff", "resolutionOutcome", "CONTINUE", "progressNote", "本周已走访两次");
        assertThat(item.instance()).isWaitingAt("Task_Resolve");
        assertThat(item.timer("Timer_WeeklyUpdateMissed").getDuedate()).isAfter(ClockUtil.getCurrentTime());
        assertThat(item.item().get("overdue")).isEqualTo(false);
    }

    @Test
    void passingTheResolveByDateMarksTheItemOverdueAndStartsSupervision() {
        planned("C01", "MEDIUM");
        item.complete("Task_Feedback", "c01-staff", "feedbackNote", "已核实");
        // Keep the weekly updates coming so only the resolve-by date is missed.
        Date resolveBy = (Date) item.variable("resolveBy");
        ClockUtil.setCurrentTime(new Date(resolveBy.getTime() - 3_600_000));
        item.complete("Task_Resolve", "c01-staff", "resolutionOutcome", "CONTINUE", "progressNote", "仍在协调");
        item.fire("Timer_ResolveByPassed");
        assertThat(item.item().get("overdue")).isEqualTo(true);
        assertThat(item.supervisions()).hasSize(1);
        assertThat(item.eventKinds()).contains("REMINDED");
        assertThat(jdbc.sql("select deadline from supervision_record where number = ?").param(item.number)
                .query(String.class).list()).containsExactly("resolve-by");
        assertThat(item.instance()).isWaitingAt("Task_Resolve");
    }

    @Test
    void aRejectedClosureGoesBackToResolutionWithTheNote() {
        resolvedAndRequested("C02", "LOW");
        item.complete("Task_RequestClosure", "c02-staff", "closureOutcome", "CLAIM_EXPLAINED", "closureEvidence", "解释记录", "noEvidenceReason", "纸质材料在社区存档");
        item.complete("Task_ApproveClosure", "c02-leader", "approved", false, "approvalNote", "佐证材料不足");
        assertThat(item.instance()).isWaitingAt("Task_Resolve");
        assertThat(item.variable("approvalNote")).isEqualTo("佐证材料不足");
        assertThat(item.status()).isEqualTo("RESOLVING");
        // The T+2 feedback was given before: it is not asked again.
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(item.number)
                .taskDefinitionKey("Task_Feedback").count()).isZero();
    }

    @Test
    void aRejectedFixNowClosureGoesBackToRectification() {
        item.intake("c03-grid2", Scenario.neighbourDispute("C03"));
        item.complete("Task_Grade", "c03-staff", "riskLevel", "LOW", "fixableNow", true);
        item.complete("Task_RectifyNow", "c03-staff", "rectificationNote", "已整改");
        item.complete("Task_RequestClosure", "c03-staff", "closureOutcome", "RECTIFIED", "closureEvidence", "照片", "noEvidenceReason", "纸质材料在社区存档");
        item.complete("Task_ApproveClosure", "c03-leader", "approved", false, "approvalNote", "整改不彻底");
        assertThat(item.instance()).isWaitingAt("Task_RectifyNow");
    }

    @Test
    void anUnsatisfiedFollowUpReopensTheItemUnderTheSameNumber() {
        resolvedAndRequested("C05", "LOW");
        item.complete("Task_RequestClosure", "c05-staff", "closureOutcome", "CLAIM_RESOLVED", "closureEvidence", "协议", "noEvidenceReason", "纸质材料在社区存档");
        item.complete("Task_ApproveClosure", "c05-leader", "approved", true, "approvalNote", "");
        Task visit = item.task("Task_FollowUpVisit");
        assertThat(visit.getDueDate()).isNotNull();
        item.complete("Task_FollowUpVisit", "c05-staff", "satisfaction", "UNSATISFIED", "visitNote", "漏水复发");
        assertThat(item.instance()).isWaitingAt("Task_Resolve");
        assertThat(item.status()).isEqualTo("RESOLVING");
        assertThat(item.item().get("reopen_count")).isEqualTo(1);
        assertThat(item.item().get("closed_at")).isNull();
        assertThat(item.instance().getBusinessKey()).isEqualTo(item.number);
    }

    @Test
    void anUnsatisfiedFixNowItemGetsAPlan() {
        item.intake("c06-grid2", Scenario.neighbourDispute("C06"));
        item.complete("Task_Grade", "c06-staff", "riskLevel", "LOW", "fixableNow", true);
        item.complete("Task_RectifyNow", "c06-staff", "rectificationNote", "已整改");
        item.complete("Task_RequestClosure", "c06-staff", "closureOutcome", "RECTIFIED", "closureEvidence", "照片", "noEvidenceReason", "纸质材料在社区存档");
        item.complete("Task_ApproveClosure", "c06-leader", "approved", true, "approvalNote", "");
        item.complete("Task_FollowUpVisit", "c06-staff", "satisfaction", "UNSATISFIED", "visitNote", "问题依旧");
        assertThat(item.instance()).isWaitingAt("Task_Plan");
    }

    @Test
    void aConfirmedDuplicateIsMergedIntoTheOriginal() {
        Scenario original = new Scenario(engine, intake, jdbc)
                .intake("c07-grid1", Scenario.request("C07", "噪音扰民", "福华路8号", "李四", "13800000001", "DISPUTE", 3));
        item.intake("c07-grid2", Scenario.request("C07", "夜间噪音", "福华路9号", "王五", "13800000001", "DISPUTE", 1));
        assertThat(item.instance()).isWaitingAt("Task_ReviewDuplicate");
        assertThat(item.variable("duplicateCandidates").toString()).contains(original.number);
        assertThat(item.status()).isEqualTo("REGISTERED");
        item.complete("Task_ReviewDuplicate", "center1", "duplicateOf", original.number);
        assertThat(item.instance()).isEnded();
        assertThat(item.status()).isEqualTo("MERGED");
        assertThat(item.item().get("merged_into")).isEqualTo(original.number);
        assertThat(original.item().get("repeat_count")).isEqualTo(1);
        assertThat(original.variable("repeatCount")).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from risk_item_source where number = ?").param(original.number)
                .query(Integer.class).single()).isEqualTo(2);
        // A repeat raises the suggested grade: the original, still ungraded, is now suggested MEDIUM.
        assertThat(original.variable("suggestedLevel")).isEqualTo("MEDIUM");
        original.complete("Task_Grade", "c07-staff", "riskLevel", "MEDIUM", "fixableNow", false);
        assertThat(original.item().get("suggested_level")).isEqualTo("MEDIUM");
    }

    @Test
    void theSamePlaceWrittenTwoWaysIsACandidateWithItsReasonAndAnotherPlaceIsNot() {
        Scenario hotline = new Scenario(engine, intake, jdbc).intake("center1", new IntakeRequest("福泰小区楼道漏水",
                "12345 来电：楼道顶部漏水，住户之间有争执。", "DISPUTE", null, "HOTLINE_12345", "C11", "C11-G1", "福泰小区1号楼",
                OffsetDateTime.parse("2026-11-20T09:00:00+08:00"), 2,
                List.of(new IntakeRequest.PartyInput("钱" + System.nanoTime(), null, "当事人")), false, false, false));
        item.intake("c11-grid1", Scenario.request("C11", "福泰小区漏水", "福泰小区1号楼2单元", "周" + System.nanoTime(), null,
                "DISPUTE", 2));
        assertThat(item.instance()).isWaitingAt("Task_ReviewDuplicate");
        assertThat(item.variable("duplicateCandidates").toString())
                .isEqualTo(hotline.number + "（地址相似度 58%）");

        Scenario elsewhere = new Scenario(engine, intake, jdbc).intake("c11-grid1",
                Scenario.request("C11", "福泰小区漏水", "永安路88号", "吴" + System.nanoTime(), null, "DISPUTE", 2));
        assertThat(elsewhere.instance()).isWaitingAt("Task_Grade");
    }

    @Test
    void aPossibleDuplicateThatIsNotOneGoesOnToGrading() {
        new Scenario(engine, intake, jdbc)
                .intake("c08-grid1", Scenario.request("C08", "占道经营", "福明路1号", "赵六", null, "PUBLIC_ORDER", 1));
        item.intake("c08-grid2", Scenario.request("C08", "占道堆物", "福明路1号", "孙七", null, "PUBLIC_ORDER", 1));
        assertThat(item.instance()).isWaitingAt("Task_ReviewDuplicate");
        item.complete("Task_ReviewDuplicate", "center2", "duplicateOf", "");
        assertThat(item.instance()).isWaitingAt("Task_Grade");
        assertThat(item.status()).isEqualTo("GRADING");
    }

    @Test
    void mergingIntoAnUnknownItemIsRefused() {
        new Scenario(engine, intake, jdbc)
                .intake("c09-grid1", Scenario.request("C09", "违建", "福新路2号", "周八", null, "PUBLIC_SAFETY", 1));
        item.intake("c09-grid2", Scenario.request("C09", "违建", "福新路2号", "吴九", null, "PUBLIC_SAFETY", 1));
        assertThatThrownBy(() -> item.complete("Task_ReviewDuplicate", "center1", "duplicateOf", "QF-2026-999999"))
                .hasMessageContaining("duplicateOf");
        assertThat(item.instance()).isWaitingAt("Task_ReviewDuplicate");
    }

    @Test
    void aWalkInRegisteredThroughTheTasklistStartFormIsValidatedAndNumberedLikeTheApi() {
        String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("riskItem").latestVersion().singleResult().getId();
        java.util.Map<String, Object> form = new java.util.HashMap<>(java.util.Map.of(
                "title", "来访反映欠薪", "description", "某工地拖欠工资三个月", "category", "GROUP_CLAIM",
                "source", "WALK_IN", "community", "C10", "grid", "C10-G3", "address", "福瑞路3号工地",
                "peopleInvolved", 12L, "partyName", "刘十", "partyPhone", "13700000000"));
        form.put("threatOfViolence", false);
        org.camunda.bpm.engine.runtime.ProcessInstance[] started = new org.camunda.bpm.engine.runtime.ProcessInstance[1];
        item.as("c10-staff", () -> started[0] = engine.getFormService().submitStartForm(definitionId, form));
        String number = started[0].getBusinessKey();
        assertThat(number).matches("QF-2026-\\d{6}");
        assertThat(started[0]).isWaitingAt("Task_Grade");
        assertThat(engine.getRuntimeService().getVariable(started[0].getId(), "partyName")).as("personal data").isNull();
        assertThat(jdbc.sql("select reported_by from risk_item where number = ?").param(number).query(String.class).single())
                .isEqualTo("c10-staff");
        assertThat(jdbc.sql("select phone from risk_item_party where number = ?").param(number).query(String.class).single())
                .isEqualTo("13700000000");
        // GROUP_CLAIM is at least MEDIUM.
        assertThat(engine.getRuntimeService().getVariable(started[0].getId(), "suggestedLevel")).isEqualTo("MEDIUM");

        form.put("grid", "C01-G1");
        assertThatThrownBy(() -> item.as("c10-staff", () -> engine.getFormService().submitStartForm(definitionId, form)))
                .hasMessageContaining("grid");
        form.put("grid", "C10-G3");
        assertThatThrownBy(() -> item.as("c07-staff", () -> engine.getFormService().submitStartForm(definitionId, form)))
                .hasMessageContaining("C10");
    }

    @Test
    void writeOffNeedsAnEvidenceFileOrAReasonWhyNone() {
        resolvedAndRequested("C09", "LOW");
        assertThat(item.instance()).isWaitingAt("Task_RequestClosure");
        assertThatThrownBy(() -> item.complete("Task_RequestClosure", "c09-staff", "closureOutcome", "CLAIM_RESOLVED",
                "closureEvidence", "调解协议"))
                .hasMessageContaining("noEvidenceReason").hasMessageContaining("佐证材料");
        assertThat(item.instance()).isWaitingAt("Task_RequestClosure");
        // A progress photo is not evidence.
        attachments.add(item.number, access.scope("c09-staff"),
                new Attachments.Upload("进展.jpg", TestFiles.jpeg(64, 48), AttachmentPurpose.PROGRESS, false));
        assertThatThrownBy(() -> item.complete("Task_RequestClosure", "c09-staff", "closureOutcome", "CLAIM_RESOLVED",
                "closureEvidence", "调解协议"))
                .hasMessageContaining("noEvidenceReason");
        attachments.add(item.number, access.scope("c09-staff"),
                new Attachments.Upload("调解协议.pdf", TestFiles.pdf("agreement"), AttachmentPurpose.EVIDENCE, false));
        item.complete("Task_RequestClosure", "c09-staff", "closureOutcome", "CLAIM_RESOLVED", "closureEvidence", "调解协议");
        assertThat(item.status()).isEqualTo("CLOSURE_PENDING");
        assertThat(item.eventKinds()).contains("ATTACHMENT_ADDED", "CLOSURE_REQUESTED");
        assertThat(jdbc.sql("select summary from risk_item_event where number = ? and kind = 'CLOSURE_REQUESTED'")
                .param(item.number).query(String.class).single()).contains("佐证材料 1 份");
    }

    @Test
    void writeOffWithoutEvidenceStatesWhyAndTheTimelineSaysSo() {
        resolvedAndRequested("C10", "LOW");
        item.complete("Task_RequestClosure", "c10-staff", "closureOutcome", "CLAIM_EXPLAINED", "closureEvidence", "已当面解释",
                "noEvidenceReason", "当事人拒绝签字和拍照");
        assertThat(item.status()).isEqualTo("CLOSURE_PENDING");
        assertThat(jdbc.sql("select summary from risk_item_event where number = ? and kind = 'CLOSURE_REQUESTED'")
                .param(item.number).query(String.class).single()).contains("无佐证材料，原因：当事人拒绝签字和拍照");
    }
}
