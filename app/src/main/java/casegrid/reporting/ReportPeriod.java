package casegrid.reporting;

import casegrid.org.Office;
import casegrid.web.InvalidRequestException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period: an ISO week (Monday to Sunday, {@code 2026-W48}) or a calendar month
 * ({@code 2026-11}), as whole days in the office's zone. {@code to} is exclusive: the period is
 * {@code [from 00:00, to 00:00)} Asia/Shanghai.
 */
public record ReportPeriod(Kind kind, String label, LocalDate from, LocalDate to) {

    public enum Kind { WEEKLY, MONTHLY }

    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    /** Parses {@code YYYY-Www}; a bad value is a 400 naming {@code parameter}. */
    public static ReportPeriod week(String value, String parameter) {
        Matcher m = value == null ? null : WEEK.matcher(value.strip());
        if (m == null || !m.matches()) {
            throw InvalidRequestException.of(parameter, "应为 ISO 周，格式 YYYY-Www，例如 2026-W48");
        }
        int year = Integer.parseInt(m.group(1));
        int week = Integer.parseInt(m.group(2));
        LocalDate jan4 = LocalDate.of(year, 1, 4);
        long weeks = jan4.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (week < 1 || week > weeks) {
            throw InvalidRequestException.of(parameter, year + " 年只有第 1 至第 " + weeks + " 周");
        }
        LocalDate monday = jan4.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
        return new ReportPeriod(Kind.WEEKLY, "%d-W%02d".formatted(year, week), monday, monday.plusWeeks(1));
    }

    /** Parses {@code YYYY-MM}; a bad value is a 400 naming {@code parameter}. */
    public static ReportPeriod month(String value, String parameter) {
        if (value == null || !MONTH.matcher(value.strip()).matches()) {
            throw InvalidRequestException.of(parameter, "应为月份，格式 YYYY-MM，例如 2026-11");
        }
        YearMonth month;
        try {
            month = YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.of(parameter, "月份应在 01 至 12 之间");
        }
        return new ReportPeriod(Kind.MONTHLY, month.toString(), month.atDay(1), month.plusMonths(1).atDay(1));
    }

    /** The ISO week containing {@code day}. */
    public static ReportPeriod weekOf(LocalDate day) {
        int year = day.get(IsoFields.WEEK_BASED_YEAR);
        int week = day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        return week("%d-W%02d".formatted(year, week), "week");
    }

    public static ReportPeriod monthOf(LocalDate day) {
        return month(YearMonth.from(day).toString(), "month");
    }

    /** The last complete period of {@code kind} before {@code today}: last week on a Monday, last month on the 1st. */
    public static ReportPeriod lastCompleteBefore(Kind kind, LocalDate today) {
        return kind == Kind.WEEKLY
                ? weekOf(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusDays(1))
                : monthOf(today.withDayOfMonth(1).minusDays(1));
    }

    public OffsetDateTime start() {
        return from.atStartOfDay(Office.ZONE).toOffsetDateTime();
    }

    public OffsetDateTime end() {
        return to.atStartOfDay(Office.ZONE).toOffsetDateTime();
    }

    /** The last day of the period. */
    public LocalDate lastDay() {
        return to.minusDays(1);
    }
}
