package casegrid.reporting;

import casegrid.item.ItemEvent;
import casegrid.org.OrgDirectory;
import casegrid.process.Completion;
import casegrid.process.HandlesForm;
import casegrid.process.TaskHandlers;
import casegrid.process.TaskInputs;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
record ReportReviews(ReportService reports, ReportSnapshots snapshots, OrgDirectory org) {

    static final String REPORT_KIND = "reportKind";
    static final String REPORT_PERIOD = "reportPeriod";
    static final String REPORT_SUMMARY = "reportSummary";
    static final String REVIEW_ACTION = "reviewAction";
    static final String REVIEW_NOTE = "reviewNote";
    /** The street a review is for: the element variable of the per-street review (docs/streets.md). */
    static final String STREET = "street";

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
        // A second round of review must not show, or resubmit, the first round's choice. Emptied, not
        // removed: it stays the street's own (a local of the per-street review), not the instance's.
        execution.setVariable(REVIEW_ACTION, null);
        String street = street(execution.getVariable(STREET));
        // An instance of a definition from before several streets has no street: the first one's, over everything.
        Report report = reports.compute(period, execution.getVariable(STREET) == null ? null : org.communitiesOfStreet(street));
        boolean stored = snapshots.saveDraft(period, street, report);
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
            snapshots.markReady(kind, (String) task.getVariable(REPORT_PERIOD), street(task.getVariable(STREET)), actor, note);
            return Completion.of(ItemEvent.REPORT_REVIEWED, "报表已审核，提交会议");
        }
        return Completion.of(ItemEvent.REPORT_REVIEWED, "重新统计：" + note);
    }

    private String street(Object street) {
        return street != null ? street.toString() : org.streets().get(0).code();
    }

    /** The figures in a few lines of Chinese, for the review form. */
    static String summary(Report r) {
        Report.Figures t = r.totals();
        StringBuilder s = new StringBuilder();
        s.append("统计周期：").append(r.from()).append(" 至 ").append(r.to()).append("（").append(r.period()).append("）\n");
        s.append("新增 ").append(t.newItems()).append(" 件（重复反映已合并 ").append(t.mergedRepeats())
                .append(" 件），申请销号 ").append(t.resolved()).append(" 件，销号 ").append(t.closed())
                .append(" 件，重新化解 ").append(t.reopened()).append(" 件，移交 ").append(t.transferred())
                .append(" 件，超期 ").append(t.overdue()).append(" 件，期末在办 ").append(t.openAtEnd()).append(" 件\n");
        s.append("化解率：");
        for (Report.ResolutionRate rate : r.resolutionRates()) {
            s.append(rate.name()).append("风险 ");
            if (rate.rate() == null) {
                s.append("本期无到期事项；");
            } else {
                s.append(rate.resolved()).append("/").append(rate.due()).append(" ").append(percent(rate.rate()))
                        .append("（目标 ").append(percent(rate.target())).append("，")
                        .append("MET".equals(rate.verdict()) ? "达标" : "未达标").append("）；");
            }
        }
        s.append('\n');
        Report.FeedbackOnTime fb = r.feedbackOnTime();
        s.append("T+2 按时反馈：").append(fb.onTime()).append("/").append(fb.due()).append(" ").append(percent(fb.rate())).append('\n');
        Report.WeeklyUpdate wu = r.weeklyUpdate();
        s.append("周调更新合规：").append(wu.compliant()).append("/").append(wu.inResolution()).append(" ").append(percent(wu.rate())).append('\n');
        s.append("平均办结用时：").append(r.avgWorkingDaysToClose() == null ? "—" : r.avgWorkingDaysToClose() + " 个工作日").append('\n');
        Report.SupervisionCounts sup = r.supervision().counts();
        s.append("督办：下发 ").append(sup.noticesIssued()).append(" 件，已回复 ").append(sup.noticesAnswered())
                .append(" 件；通报 ").append(sup.publicNotices()).append(" 件\n");
        int due = 0;
        int done = 0;
        int missed = 0;
        for (Report.DataQuality q : r.dataQuality()) {
            due += q.dailyChecksDue();
            done += q.dailyChecksDone();
            missed += q.dailyChecksMissed();
        }
        s.append("日核：应核 ").append(due).append(" 次，完成 ").append(done).append(" 次，未完成 ").append(missed).append(" 次");
        return s.toString();
    }

    static String percent(BigDecimal rate) {
        return rate == null ? "—" : rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
