package casegrid.reporting;

import casegrid.item.ItemEvent;
import casegrid.process.Completion;
import casegrid.process.HandlesForm;
import casegrid.process.TaskHandlers;
import casegrid.process.TaskInputs;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 周调·月统: the weeklyReview and monthlyStats processes compute the last complete week or month
 * (bean {@code takeReportSnapshot}, input parameter {@code reportKind}), keep it as the period's
 * snapshot and have it reviewed: READY marks it ready for the meeting, RECOMPUTE computes it again
 * (after late data was corrected) and asks again.
 */
@TaskHandlers
record ReportReviews(ReportService reports, ReportSnapshots snapshots) {

    static final String REPORT_KIND = "reportKind";
    static final String REPORT_PERIOD = "reportPeriod";
    static final String REPORT_SUMMARY = "reportSummary";
    static final String REVIEW_ACTION = "reviewAction";
    static final String REVIEW_NOTE = "reviewNote";

    @Component("takeReportSnapshot")
    static class TakeSnapshot implements JavaDelegate {
        private final ReportReviews reviews;

        TakeSnapshot(ReportReviews reviews) {
            this.reviews = reviews;
        }

        @Override
        public void execute(DelegateExecution execution) {
            reviews.snapshot(execution);
        }
    }

    void snapshot(DelegateExecution execution) {
        ReportPeriod.Kind kind = ReportPeriod.Kind.valueOf((String) execution.getVariable(REPORT_KIND));
        Object label = execution.getVariable(REPORT_PERIOD);
        ReportPeriod period = label == null ? ReportPeriod.lastCompleteBefore(kind, DailyChecks.today())
                : kind == ReportPeriod.Kind.WEEKLY ? ReportPeriod.week(label.toString(), REPORT_PERIOD)
                : ReportPeriod.month(label.toString(), REPORT_PERIOD);
        execution.setProcessBusinessKey((kind == ReportPeriod.Kind.WEEKLY ? "weekly-" : "monthly-") + period.label());
        execution.setVariable(REPORT_PERIOD, period.label());
        // A second round of review must not show, or resubmit, the first round's choice.
        execution.removeVariable(REVIEW_ACTION);
        Map<String, Object> report = reports.compute(period, null);
        boolean stored = snapshots.saveDraft(period, report);
        execution.setVariable(REPORT_SUMMARY, (stored ? "" : "（该期报表已确认提交会议，以下为最新统计，已确认的快照不变。）\n")
                + summary(report));
    }

    @HandlesForm("weekly-review")
    Completion weeklyReview(DelegateTask task, TaskInputs in, String number, String actor) {
        return review(ReportPeriod.Kind.WEEKLY, task, in, actor);
    }

    @HandlesForm("monthly-review")
    Completion monthlyReview(DelegateTask task, TaskInputs in, String number, String actor) {
        return review(ReportPeriod.Kind.MONTHLY, task, in, actor);
    }

    private Completion review(ReportPeriod.Kind kind, DelegateTask task, TaskInputs in, String actor) {
        String action = in.oneOf(REVIEW_ACTION, List.of("READY", "RECOMPUTE"), "请选择“提交会议”或“重新统计”");
        String note = in.optionalText(REVIEW_NOTE);
        if ("RECOMPUTE".equals(action) && note == null) {
            in.problem(REVIEW_NOTE, "重新统计时请说明原因（如哪些数据已更正）");
        }
        in.check();
        if ("READY".equals(action)) {
            snapshots.markReady(kind, (String) task.getVariable(REPORT_PERIOD), actor, note);
            return Completion.of(ItemEvent.REPORT_REVIEWED, "报表已审核，提交会议");
        }
        return Completion.of(ItemEvent.REPORT_REVIEWED, "重新统计：" + note);
    }

    /** The figures in a few lines of Chinese, for the review form. */
    @SuppressWarnings("unchecked")
    static String summary(Map<String, Object> r) {
        Map<String, Object> t = (Map<String, Object>) r.get("totals");
        StringBuilder s = new StringBuilder();
        s.append("统计周期：").append(r.get("from")).append(" 至 ").append(r.get("to")).append("（").append(r.get("period")).append("）\n");
        s.append("新增 ").append(t.get("newItems")).append(" 件（重复反映已合并 ").append(t.get("mergedRepeats"))
                .append(" 件），申请销号 ").append(t.get("resolved")).append(" 件，销号 ").append(t.get("closed"))
                .append(" 件，重新化解 ").append(t.get("reopened")).append(" 件，移交 ").append(t.get("transferred"))
                .append(" 件，超期 ").append(t.get("overdue")).append(" 件，期末在办 ").append(t.get("openAtEnd")).append(" 件\n");
        s.append("化解率：");
        for (Map<String, Object> rate : (List<Map<String, Object>>) r.get("resolutionRates")) {
            s.append(rate.get("name")).append("风险 ");
            if (rate.get("rate") == null) {
                s.append("本期无到期事项；");
            } else {
                s.append(rate.get("resolved")).append("/").append(rate.get("due")).append(" ").append(percent(rate.get("rate")))
                        .append("（目标 ").append(percent(rate.get("target"))).append("，")
                        .append("MET".equals(rate.get("verdict")) ? "达标" : "未达标").append("）；");
            }
        }
        s.append('\n');
        Map<String, Object> fb = (Map<String, Object>) r.get("feedbackOnTime");
        s.append("T+2 按时反馈：").append(fb.get("onTime")).append("/").append(fb.get("due")).append(" ").append(percent(fb.get("rate"))).append('\n');
        Map<String, Object> wu = (Map<String, Object>) r.get("weeklyUpdate");
        s.append("周调更新合规：").append(wu.get("compliant")).append("/").append(wu.get("inResolution")).append(" ").append(percent(wu.get("rate"))).append('\n');
        s.append("平均办结用时：").append(r.get("avgWorkingDaysToClose") == null ? "—" : r.get("avgWorkingDaysToClose") + " 个工作日").append('\n');
        Map<String, Object> sup = (Map<String, Object>) r.get("supervision");
        s.append("督办：下发 ").append(sup.get("noticesIssued")).append(" 件，已回复 ").append(sup.get("noticesAnswered"))
                .append(" 件；通报 ").append(sup.get("publicNotices")).append(" 件\n");
        int due = 0;
        int done = 0;
        int missed = 0;
        for (Map<String, Object> q : (List<Map<String, Object>>) r.get("dataQuality")) {
            due += (Integer) q.get("dailyChecksDue");
            done += (Integer) q.get("dailyChecksDone");
            missed += (Integer) q.get("dailyChecksMissed");
        }
        s.append("日核：应核 ").append(due).append(" 次，完成 ").append(done).append(" 次，未完成 ").append(missed).append(" 次");
        return s.toString();
    }

    static String percent(Object rate) {
        return rate == null ? "—" : ((BigDecimal) rate).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
