-- Timeline kinds become domain events (casegrid.item.ItemEvent) instead of BPMN task ids, so that a
-- designer who renames a task in Modeler changes no report. The completed task's id stays on the row
-- as task_key: a trace for the designer, never counted.
alter table risk_item_event add column task_key varchar(100);

-- Until now a completion row's kind WAS the task id. Every such row starts generic; the mappings
-- below give the rows whose fact can be told their domain kind. What stays TASK_COMPLETED:
--  * Task_ReportIn, Task_ArbitrateDecline, Task_ConveneMeeting, Task_RecordMinutes, Task_CompleteActionItem
--    and the 退单 outcome of Task_Resolve: their fact is on the companion row the handler wrote in the
--    same transaction (REPORTED_IN, REPORT_IN_DECLINED, REPORT_IN_HELD/RELEASED, MEETING_CONVENED,
--    MEETING_HELD, ACTION_ITEM_DONE, RETURNED); giving them that kind too would count it twice.
--  * any other id (a designer's task unknown to this release).
update risk_item_event set task_key = kind, kind = 'TASK_COMPLETED' where kind like 'Task\_%';

-- Tasks with one outcome.
update risk_item_event e set kind = m.kind
from (values ('Task_ReviewDuplicate', 'DUPLICATE_REVIEWED'), ('Task_Grade', 'GRADED'), ('Task_RectifyNow', 'RECTIFIED'),
             ('Task_Plan', 'PLANNED'), ('Task_EmergencyPlan', 'EMERGENCY_PLAN_DRAFTED'), ('Task_Redispatch', 'REDISPATCHED'),
             ('Task_Feedback', 'FEEDBACK_GIVEN'), ('Task_RequestClosure', 'CLOSURE_REQUESTED'),
             ('Task_FollowUpVisit', 'FOLLOW_UP_VISITED'), ('Task_IssueSupervision', 'SUPERVISION_ISSUED'),
             ('Task_ReplySupervision', 'SUPERVISION_REPLIED'), ('Task_JointHandling', 'JOINTLY_HANDLED'),
             ('Task_UpdateAfterCheck', 'CHECK_FOLLOWED_UP')) as m (task_key, kind)
where e.task_key = m.task_key;

-- Tasks with several outcomes: the summary is "<task name verb>：<what the handler said>", and the
-- handler's text has always opened with the outcome (化解处置: the labels of Codes.RESOLUTION_OUTCOMES;
-- approvals: 同意… or 不同意…/退回…).
update risk_item_event e set kind = m.kind
from (values ('Task_Resolve', '继续化解%', 'PROGRESS_UPDATED'), ('Task_Resolve', '已化解%', 'RESOLUTION_REQUESTED'),
             ('Task_Resolve', '申请延期%', 'EXTENSION_REQUESTED'), ('Task_Resolve', '移交%', 'TRANSFERRED'),
             ('Task_Resolve', '吹哨召集部门报到%', 'WHISTLE_CALLED'), ('Task_Resolve', '提请联席会议%', 'ESCALATION_REQUESTED'),
             ('Task_ApproveEmergencyPlan', '同意%', 'EMERGENCY_PLAN_APPROVED'),
             ('Task_ApproveEmergencyPlan', '退回%', 'EMERGENCY_PLAN_REJECTED'),
             ('Task_ApproveExtension', '同意%', 'EXTENSION_APPROVED'), ('Task_ApproveExtension', '不同意%', 'EXTENSION_REJECTED'),
             ('Task_ApproveClosure', '同意%', 'CLOSED'), ('Task_ApproveClosure', '退回%', 'CLOSURE_REJECTED'),
             ('Task_ApproveEscalation', '同意%', 'ESCALATION_APPROVED'),
             ('Task_ApproveEscalation', '不同意%', 'ESCALATION_REJECTED')) as m (task_key, outcome, kind)
where e.task_key = m.task_key and split_part(e.summary, '：', 2) like m.outcome;

-- The per-department row of a whistle: the whistle itself is now the resolver's WHISTLE_CALLED.
update risk_item_event set kind = 'DEPARTMENT_SUMMONED' where kind = 'WHISTLE';
