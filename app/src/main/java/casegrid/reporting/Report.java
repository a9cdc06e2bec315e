package casegrid.reporting;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The weekly or monthly figures (GET /api/reports/weekly|monthly, and the snapshot the review
 * stores): counts per dimension, resolution rates against targets, deadlines kept, supervision,
 * data quality and the item lists the meeting goes through. Field names are the documented API.
 */
public record Report(String kind, String period, String from, String to, OffsetDateTime computedAt, Scope scope,
                     Figures totals, List<ResolutionRate> resolutionRates, FeedbackOnTime feedbackOnTime,
                     WeeklyUpdate weeklyUpdate, BigDecimal avgWorkingDaysToClose, List<Dimension> byLevel,
                     List<Dimension> byCategory, List<Dimension> byCommunity, List<Department> byDepartment,
                     Supervision supervision, List<DataQuality> dataQuality, List<OverdueItem> overdueItems,
                     List<PublicNotice> publicNotices, List<LongTermItem> longTermItems) {

    /** "ALL" for the whole street, else the list of communities the figures cover. */
    public record Scope(List<String> communities) {
        @JsonValue
        Object json() {
            return communities == null ? "ALL" : communities;
        }
    }

    /** What happened to items in the period (DOMAIN.md's counting rules, ReportService.FLAGGED). */
    public record Figures(int newItems, int mergedRepeats, int resolved, int closed, int reopened, int transferred,
                          int overdue, int openAtEnd) {
        static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** One code of a dimension (level, category, community) with its figures. */
    public record Dimension(String code, String name, @JsonUnwrapped Figures figures) {
    }

    public record ResolutionRate(String level, String name, int due, int resolved, BigDecimal rate, BigDecimal target,
                                 String verdict) {
    }

    public record FeedbackOnTime(int due, int onTime, int late, BigDecimal rate) {
    }

    public record WeeklyUpdate(int inResolution, int missed, int compliant, BigDecimal rate) {
    }

    public record Department(String code, String name, @JsonUnwrapped Figures figures, int reportIns,
                             int reportInsOnTime, int reportInsMissed, BigDecimal reportInTimeliness, int ratings,
                             BigDecimal ratingTimeliness, BigDecimal ratingEffectiveness) {
    }

    /** Missed deadlines and what supervision did about them. */
    public record SupervisionCounts(int missedDeadlines, int reminders, int noticesIssued, int noticesAnswered,
                                    int publicNotices) {
        static final SupervisionCounts NONE = new SupervisionCounts(0, 0, 0, 0, 0);

        SupervisionCounts plus(SupervisionCounts other) {
            return new SupervisionCounts(missedDeadlines + other.missedDeadlines, reminders + other.reminders,
                    noticesIssued + other.noticesIssued, noticesAnswered + other.noticesAnswered,
                    publicNotices + other.publicNotices);
        }

        @JsonProperty
        BigDecimal answerRate() {
            return ReportService.rate(noticesAnswered, noticesIssued);
        }
    }

    public record Supervision(@JsonUnwrapped SupervisionCounts counts, List<SupervisionGroup> byGroup) {
    }

    public record SupervisionGroup(String code, String name, @JsonUnwrapped SupervisionCounts counts) {
    }

    public record DataQuality(String code, String name, int newItems, int missingFields, int lateWeeklyUpdates,
                              int lateFeedback, int dailyChecksDue, int dailyChecksDone, int dailyChecksMissed,
                              BigDecimal dailyCheckRate) {
    }

    public record OverdueItem(String number, String title, String community, String level, String unit, String status,
                              boolean overdueNow, List<String> deadlines, int misses) {
    }

    public record PublicNotice(String number, String title, String community, String unit, String deadline,
                               OffsetDateTime dueAt, int missNumber, OffsetDateTime noticedAt) {
    }

    public record LongTermItem(String number, String title, String community, String level, String unit,
                               OffsetDateTime reviewDue) {
    }

    /** The API's answer: the figures and the state of the period's snapshot (null before any review). */
    public record View(@JsonUnwrapped Report report, ReportSnapshots.Meta snapshot) {
    }
}
