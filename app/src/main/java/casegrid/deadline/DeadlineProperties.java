package casegrid.deadline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The deadlines and schedules of the contract's "Deadlines" section, so that the office can
 * change them in application.yaml without a rebuild. Durations are ISO-8601 (P2D, PT24H),
 * schedules are Spring/Camunda six-field crons. The defaults here apply when a key is absent;
 * a partial {@code resolve-by} or {@code counting} map keeps the defaults for the keys it leaves out.
 *
 * <p>Models read the schedules through {@link Schedules} ({@code ${schedules.dailyCheck}}), never this
 * object: expressions reach only what is published with {@link casegrid.process.ModelApi}.
 */
@ConfigurationProperties("casegrid.deadlines")
public class DeadlineProperties {

    /** The deadline names that {@link #getCounting()} may name. */
    public static final Set<String> DEADLINE_NAMES =
            Set.of("feedback", "weekly-update", "report-in", "resolve-by", "follow-up-visit");

    private static final Map<String, String> DEFAULT_RESOLVE_BY = defaultResolveBy();

    private static final Map<String, String> DEFAULT_CONVENE = Map.of("COMMUNITY", "P3D", "STREET", "P5D", "DISTRICT", "P10D");

    private static final Map<String, DayCounting> DEFAULT_COUNTING = Map.of(
            "feedback", DayCounting.WORKING,
            "follow-up-visit", DayCounting.WORKING);

    private String feedback = "P2D";
    private String weeklyUpdate = "P7D";
    private String reportIn = "PT24H";
    private Map<String, String> resolveBy = new LinkedHashMap<>(DEFAULT_RESOLVE_BY);
    private String followUpVisit = "P5D";
    /** Working days within which a joint meeting of each tier must be convened after the escalation. */
    private Map<String, String> convene = new LinkedHashMap<>(DEFAULT_CONVENE);
    // Every day at 08:30; the dailyCheck process asks the WorkingCalendar whether it is a working day (调休 Saturdays are).
    private String dailyCheck = "0 30 8 * * *";
    private String weeklyReview = "0 0 9 * * MON";
    private String monthlyStats = "0 0 9 1 * *";
    private Map<String, DayCounting> counting = new LinkedHashMap<>(DEFAULT_COUNTING);

    /**
     * How {@code deadlineName}'s days are counted; CALENDAR unless configured otherwise.
     * Accepts {@code weekly-update}, {@code weeklyUpdate} and {@code weeklyupdate} alike, because
     * an environment variable (CASEGRID_DEADLINES_COUNTING_WEEKLYUPDATE) cannot carry the dash.
     */
    public DayCounting countingOf(String deadlineName) {
        String wanted = canonical(deadlineName);
        return counting.entrySet().stream()
                .filter(entry -> canonical(entry.getKey()).equals(wanted))
                .map(Map.Entry::getValue)
                .reduce((first, later) -> later)
                .orElse(DayCounting.CALENDAR);
    }

    /** The default resolve-by period for a risk level, or null for an unknown level; the level's case is ignored. */
    public String resolveByFor(String riskLevel) {
        if (riskLevel == null) {
            return null;
        }
        return resolveBy.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(riskLevel.strip()))
                .map(Map.Entry::getValue)
                .reduce((first, later) -> later)
                .orElse(null);
    }

    static boolean isDeadlineName(String name) {
        return DEADLINE_NAMES.stream().anyMatch(known -> canonical(known).equals(canonical(name)));
    }

    /** Lower case, letters and digits only: the form every spelling of a deadline name shares. */
    static String canonical(String name) {
        return name == null ? "" : name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> defaultResolveBy() {
        Map<String, String> byLevel = new LinkedHashMap<>();
        byLevel.put("HIGH", "P7D");
        byLevel.put("MEDIUM", "P15D");
        byLevel.put("LOW", "P30D");
        return Collections.unmodifiableMap(byLevel);
    }

    public String getFeedback() {
        return feedback;
    }

    public void setFeedback(String feedback) {
        this.feedback = feedback;
    }

    public String getWeeklyUpdate() {
        return weeklyUpdate;
    }

    public void setWeeklyUpdate(String weeklyUpdate) {
        this.weeklyUpdate = weeklyUpdate;
    }

    public String getReportIn() {
        return reportIn;
    }

    public void setReportIn(String reportIn) {
        this.reportIn = reportIn;
    }

    public Map<String, String> getResolveBy() {
        return resolveBy;
    }

    public void setResolveBy(Map<String, String> resolveBy) {
        Map<String, String> merged = new LinkedHashMap<>(DEFAULT_RESOLVE_BY);
        if (resolveBy != null) {
            resolveBy.forEach((level, iso) -> merged.put(level.strip().toUpperCase(Locale.ROOT), iso));
        }
        this.resolveBy = merged;
    }

    public Map<String, String> getConvene() {
        return convene;
    }

    public void setConvene(Map<String, String> convene) {
        Map<String, String> merged = new LinkedHashMap<>(DEFAULT_CONVENE);
        if (convene != null) {
            convene.forEach((tier, iso) -> merged.put(tier.strip().toUpperCase(Locale.ROOT), iso));
        }
        this.convene = merged;
    }

    public String getFollowUpVisit() {
        return followUpVisit;
    }

    public void setFollowUpVisit(String followUpVisit) {
        this.followUpVisit = followUpVisit;
    }

    public String getDailyCheck() {
        return dailyCheck;
    }

    public void setDailyCheck(String dailyCheck) {
        this.dailyCheck = dailyCheck;
    }

    public String getWeeklyReview() {
        return weeklyReview;
    }

    public void setWeeklyReview(String weeklyReview) {
        this.weeklyReview = weeklyReview;
    }

    public String getMonthlyStats() {
        return monthlyStats;
    }

    public void setMonthlyStats(String monthlyStats) {
        this.monthlyStats = monthlyStats;
    }

    public Map<String, DayCounting> getCounting() {
        return counting;
    }

    public void setCounting(Map<String, DayCounting> counting) {
        Map<String, DayCounting> merged = new LinkedHashMap<>(DEFAULT_COUNTING);
        if (counting != null) {
            counting.forEach((name, how) -> {
                merged.keySet().removeIf(key -> canonical(key).equals(canonical(name)));
                merged.put(name, how);
            });
        }
        this.counting = merged;
    }
}
