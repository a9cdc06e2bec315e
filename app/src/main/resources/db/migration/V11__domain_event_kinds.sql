-- Timeline kinds become domain events (casegrid.item.ItemEvent) instead of BPMN task ids, so that a
-- designer who renames a task in Modeler changes no report. The completed task's id stays on the row
-- as task_key: a trace for the designer, never counted.
alter table risk_item_event add column task_key varchar(100);

-- Until now a completion row's kind WAS the task id.
update risk_item_event set task_key = kind where kind like 'Task\_%';

-- The row's summary is "<task name verb>：<what the handler said>"; for tasks with several outcomes
-- the outcome is the start of the second part (the texts the handlers have always written).
update risk_item_event set kind = case
    when task_key = 'Task_ReviewDuplicate' then 'DUPLICATE_REVIEWED'
    when task_key = 'Task_Grade' then 'GRADED'
    when task_key = 'Task_RectifyNow' then 'RECTIFIED'
    when task_key = 'Task_Plan' then 'PLANNED'
    when task_key = 'Task_EmergencyPlan' then 'EMERGENCY_PLAN_DRAFTED'
    when task_key = 'Task_ApproveEmergencyPlan' then
        case when split_part(summary, '：', 2) like '同意%' then 'EMERGENCY_PLAN_APPROVED' else 'EMERGENCY_PLAN_REJECTED' end
    when task_key = 'Task_Redispatch' then 'REDISPATCHED'
    when task_key = 'Task_Feedback' then 'FEEDBACK_GIVEN'
    -- 化解处置: the outcome label (Codes.RESOLUTION_OUTCOMES) opens the handler's text.
    when task_key = 'Task_Resolve' then case
        when split_part(summary, '：', 2) like '继续化解%' then 'PROGRESS_UPDATED'
        when split_part(summary, '：', 2) like '已化解%' then 'RESOLUTION_REQUESTED'
        when split_part(summary, '：', 2) like '申请延期%' then 'EXTENSION_REQUESTED'
        when split_part(summary, '：', 2) like '移交%' then 'TRANSFERRED'
        when split_part(summary, '：', 2) like '吹哨召集部门报到%' then 'WHISTLE_CALLED'
        when split_part(summary, '：', 2) like '提请联席会议%' then 'ESCALATION_REQUESTED'
        -- 退单: the return is already on its own RETURNED row (with the unit it counts against).
        else 'TASK_COMPLETED' end
    when task_key = 'Task_ApproveExtension' then
        case when split_part(summary, '：', 2) like '同意%' then 'EXTENSION_APPROVED' else 'EXTENSION_REJECTED' end
    when task_key = 'Task_RequestClosure' then 'CLOSURE_REQUESTED'
    when task_key = 'Task_ApproveClosure' then
        case when split_part(summary, '：', 2) like '同意%' then 'CLOSED' else 'CLOSURE_REJECTED' end
    when task_key = 'Task_FollowUpVisit' then 'FOLLOW_UP_VISITED'
    when task_key = 'Task_IssueSupervision' then 'SUPERVISION_ISSUED'
    when task_key = 'Task_ReplySupervision' then 'SUPERVISION_REPLIED'
    when task_key = 'Task_JointHandling' then 'JOINTLY_HANDLED'
    when task_key = 'Task_ApproveEscalation' then
        case when split_part(summary, '：', 2) like '同意%' then 'ESCALATION_APPROVED' else 'ESCALATION_REJECTED' end
    when task_key = 'Task_UpdateAfterCheck' then 'CHECK_FOLLOWED_UP'
    -- Task_ReportIn, Task_ArbitrateDecline, Task_ConveneMeeting, Task_RecordMinutes, Task_CompleteActionItem:
    -- their fact is on the companion row their handler wrote in the same transaction (REPORTED_IN,
    -- REPORT_IN_DECLINED, REPORT_IN_HELD/RELEASED, MEETING_CONVENED, MEETING_HELD, ACTION_ITEM_DONE);
    -- mapping them to that kind too would count it twice. Any other id (a designer's task) is generic.
    else 'TASK_COMPLETED' end
where task_key is not null;

-- The per-department row of a whistle: the whistle itself is now the resolver's WHISTLE_CALLED.
update risk_item_event set kind = 'DEPARTMENT_SUMMONED' where kind = 'WHISTLE';
