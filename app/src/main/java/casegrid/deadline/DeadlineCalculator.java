package casegrid.deadline;

import casegrid.org.Office;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import casegrid.process.ModelApi;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * Turns the configured deadlines ({@link DeadlineProperties}) into due dates for timers and
 * the ledger's overdue flag. Usable from BPMN, e.g.
 * {@code ${deadlineCalculator.dueAt('feedback', now())}}.
 *
 * <p>All days are days in the office's zone, {@link Office#ZONE}, whatever the JVM's zone.
 * <ul>
 * <li><b>WORKING</b>: {@code PnD} is due at the end of the n-th working day after the start
 * day ({@link WorkingCalendar#plusWorkingDays}), the start day itself never counted; the end of
 * a day is the next day's 00:00. So "T+2" for an item graded on a Friday is due at the end of
 * Tuesday, and one graded on Saturday as well. A time part is then added as clock time
 * ({@code P1DT4H}: 04:00 the day after the first working day). A value without a day part
 * ({@code PT24H}) is pure clock time, as under CALENDAR. Months, years and weeks are refused:
 * they have no fixed number of working days.</li>
 * <li><b>CALENDAR</b>: start plus the ISO period and duration, so {@code P7D} is 7 × 24 h
 * after the start and {@code PT24H} is 24 h after it.</li>
 * </ul>
 * A value that is not an ISO-8601 period/duration, or is negative, gives an
 * {@link IllegalArgumentException} naming the deadline; the configured ones are checked when
 * the application starts, so a typo in application.yaml stops the start-up, not a timer.
 */
@ModelApi
@Component
public class DeadlineCalculator {

    /** The sub-district office's zone: days, ends of days and schedules are counted here. */

    private static final String PREFIX = "casegrid.deadlines.";

    private final DeadlineProperties properties;
    private final WorkingCalendar calendar;

    public DeadlineCalculator(DeadlineProperties properties, WorkingCalendar calendar) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        checkConfiguration();
    }

    /**
     * When the deadline configured under {@code casegrid.deadlines.<deadlineName>} falls for
     * something that started at {@code start}; {@code deadlineName} as in application.yaml
     * ({@code feedback}, {@code weekly-update}, {@code report-in}, {@code follow-up-visit}).
     */
    @ModelApi
    public Date dueAt(String deadlineName, Date start) {
        String iso = configuredIso(deadlineName);
        return toDate(due(PREFIX + deadlineName, iso, properties.countingOf(deadlineName), toInstant(start)));
    }

    /** When a deadline of {@code iso} counted as {@code counting} falls for something started at {@code start}. */
    public Date dueAt(String iso, DayCounting counting, Date start) {
        Objects.requireNonNull(counting, "counting");
        return toDate(due("Deadline", iso, counting, toInstant(start)));
    }

    /** The default resolve-by date for a risk level ({@code HIGH}, {@code MEDIUM}, {@code LOW}). */
    @ModelApi
    public Date resolveByDefault(String riskLevel, Date start) {
        String iso = properties.resolveByFor(riskLevel);
        if (iso == null) {
            throw new IllegalArgumentException("No " + PREFIX + "resolve-by for risk level '" + riskLevel
                    + "'; configured: " + properties.getResolveBy().keySet());
        }
        return toDate(due(PREFIX + "resolve-by." + riskLevel.strip().toUpperCase(Locale.ROOT), iso,
                properties.countingOf("resolve-by"), toInstant(start)));
    }

    /** When a joint meeting of {@code tier} escalated at {@code start} must be convened; counted in working days. */
    @ModelApi
    public Date conveneBy(String tier, Date start) {
        String iso = properties.getConvene().get(tier);
        if (iso == null) {
            throw new IllegalArgumentException("No " + PREFIX + "convene." + tier + "; configured: "
                    + properties.getConvene().keySet());
        }
        return toDate(due(PREFIX + "convene." + tier, iso, DayCounting.WORKING, toInstant(start)));
    }

    /** Fails with an {@link IllegalArgumentException} naming {@code label} when {@code iso} is no valid duration for {@code counting}. */
    public static void checkDuration(String label, String iso, DayCounting counting) {
        Amount.parse(label, iso, Objects.requireNonNull(counting, "counting"));
    }

    public DeadlineProperties getProperties() {
        return properties;
    }

    private String configuredIso(String deadlineName) {
        return switch (DeadlineProperties.canonical(deadlineName)) {
            case "feedback" -> properties.getFeedback();
            case "weeklyupdate" -> properties.getWeeklyUpdate();
            case "reportin" -> properties.getReportIn();
            case "followupvisit" -> properties.getFollowUpVisit();
            case "resolveby" -> throw new IllegalArgumentException(
                    "resolve-by depends on the risk level: use resolveByDefault(riskLevel, start)");
            default -> throw new IllegalArgumentException("Unknown deadline '" + deadlineName
                    + "'; known: feedback, weekly-update, report-in, follow-up-visit");
        };
    }

    private Instant due(String label, String iso, DayCounting counting, Instant start) {
        Amount amount = Amount.parse(label, iso, counting);
        if (counting == DayCounting.CALENDAR || amount.days().isZero()) {
            return start.atZone(Office.ZONE).plus(amount.days()).plus(amount.time()).toInstant();
        }
        LocalDate startDay = start.atZone(Office.ZONE).toLocalDate();
        LocalDate lastDay = calendar.plusWorkingDays(startDay, amount.days().getDays());
        return lastDay.plusDays(1).atStartOfDay(Office.ZONE).plus(amount.time()).toInstant();
    }

    private void checkConfiguration() {
        for (String name : new String[] {"feedback", "weekly-update", "report-in", "follow-up-visit"}) {
            Amount.parse(PREFIX + name, configuredIso(name), properties.countingOf(name));
        }
        for (Map.Entry<String, String> level : properties.getResolveBy().entrySet()) {
            Amount.parse(PREFIX + "resolve-by." + level.getKey(), level.getValue(), properties.countingOf("resolve-by"));
        }
        // A misspelt key would otherwise be ignored, and the deadline silently counted in calendar days.
        for (String name : properties.getCounting().keySet()) {
            if (!DeadlineProperties.isDeadlineName(name)) {
                throw new IllegalArgumentException(PREFIX + "counting." + name + " names no deadline; known: "
                        + DeadlineProperties.DEADLINE_NAMES);
            }
        }
        for (Map.Entry<String, String> tier : properties.getConvene().entrySet()) {
            Amount.parse(PREFIX + "convene." + tier.getKey(), tier.getValue(), DayCounting.WORKING);
        }
        checkCron("daily-check", properties.getDailyCheck());
        checkCron("weekly-review", properties.getWeeklyReview());
        checkCron("monthly-stats", properties.getMonthlyStats());
    }

    private static void checkCron(String name, String cron) {
        if (cron == null || !CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException(PREFIX + name + " = '" + cron
                    + "' is not a six-field cron such as 0 30 8 * * MON-FRI");
        }
    }

    // java.sql.Date (what a JDBC read may hand over) throws on toInstant().
    private static Instant toInstant(Date date) {
        return Instant.ofEpochMilli(Objects.requireNonNull(date, "start").getTime());
    }

    private static Date toDate(Instant instant) {
        return Date.from(instant);
    }

    /** An ISO-8601 value split into its day part and its clock-time part. */
    private record Amount(Period days, Duration time) {

        static Amount parse(String label, String iso, DayCounting counting) {
            if (iso == null || iso.isBlank()) {
                throw new IllegalArgumentException(label + " is empty; expected an ISO-8601 period such as P2D or PT24H");
            }
            String text = iso.strip().toUpperCase(Locale.ROOT);
            int t = text.indexOf('T');
            String datePart = t < 0 ? text : text.substring(0, t);
            Amount amount;
            try {
                // Period knows only days and up, Duration only fixed lengths: P1DT12H needs both.
                Period days = datePart.equals("P") ? Period.ZERO : Period.parse(datePart);
                Duration time = t < 0 ? Duration.ZERO : Duration.parse("P" + text.substring(t));
                amount = new Amount(days, time);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(label + " = '" + iso
                        + "' is not an ISO-8601 period or duration such as P2D, PT24H or P1DT12H", e);
            }
            if (amount.days().isNegative() || amount.time().isNegative()) {
                throw new IllegalArgumentException(label + " = '" + iso + "' is negative");
            }
            if (counting == DayCounting.WORKING
                    && (amount.days().getYears() != 0 || amount.days().getMonths() != 0 || datePart.contains("W"))) {
                throw new IllegalArgumentException(label + " = '" + iso
                        + "' counts working days, so give it in days (PnD), not weeks, months or years");
            }
            return amount;
        }
    }
}
