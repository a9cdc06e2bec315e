package casegrid.deadline;

import casegrid.org.Office;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * China's working days: Monday to Friday, less the public holidays, plus the weekend days
 * worked in their place (调休). The State Council moves these every year, so they are data,
 * not rules: the built-in {@value #BUILT_IN} on the class path, and an optional file named by
 * {@code casegrid.calendar.extra-file} whose lines win by date, so an office can add next
 * year's notice or a local closure without waiting for a release.
 *
 * <p>A bad line in either file stops the start-up, naming the file and the line: a calendar
 * that silently dropped a holiday would put deadlines on days nobody works.
 */
@Component
public class WorkingCalendar {

    public static final String BUILT_IN = "calendar/cn-working-days.csv";

    private static final Logger log = LoggerFactory.getLogger(WorkingCalendar.class);

    private enum Kind { HOLIDAY, WORKDAY }

    /** Only the exceptions to the Monday-to-Friday rule. */
    private final Map<LocalDate, Kind> exceptions;

    /**
     * @param extraFile a filesystem path, or blank for the built-in calendar alone
     */
    @Autowired
    public WorkingCalendar(@Value("${casegrid.calendar.extra-file:}") String extraFile) {
        this(load(extraFile == null || extraFile.isBlank() ? null : Path.of(extraFile.strip())));
        int thisYear = LocalDate.now(Office.ZONE).getYear();
        for (int year = thisYear; year <= thisYear + 1; year++) {
            if (!listsYear(year)) {
                log.warn("The working calendar lists no holidays for {}: working-day deadlines in {} count "
                        + "weekends only. Add the State Council notice to {} or to casegrid.calendar.extra-file.",
                        year, year, BUILT_IN);
            }
        }
    }

    private WorkingCalendar(Map<LocalDate, Kind> exceptions) {
        this.exceptions = Map.copyOf(exceptions);
    }

    /** The built-in calendar alone, for code and tests outside Spring. */
    public static WorkingCalendar builtIn() {
        return new WorkingCalendar(load(null));
    }

    /** The built-in calendar with {@code extraFile}'s lines taking precedence by date. */
    public static WorkingCalendar withExtraFile(Path extraFile) {
        return new WorkingCalendar(load(Objects.requireNonNull(extraFile, "extraFile")));
    }

    public boolean isWorkingDay(LocalDate date) {
        Objects.requireNonNull(date, "date");
        Kind kind = exceptions.get(date);
        if (kind != null) {
            return kind == Kind.WORKDAY;
        }
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }

    /** The first working day strictly after {@code date}. */
    public LocalDate nextWorkingDay(LocalDate date) {
        LocalDate day = Objects.requireNonNull(date, "date").plusDays(1);
        while (!isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    /**
     * The {@code n}-th working day after {@code start}, {@code start} itself not counted. For
     * {@code n = 0}: {@code start} if it is a working day, else the next working day.
     */
    public LocalDate plusWorkingDays(LocalDate start, int n) {
        Objects.requireNonNull(start, "start");
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        if (n == 0) {
            return isWorkingDay(start) ? start : nextWorkingDay(start);
        }
        LocalDate day = start;
        for (int i = 0; i < n; i++) {
            day = nextWorkingDay(day);
        }
        return day;
    }

    /**
     * Working days in {@code (fromExclusive, toInclusive]}, so that
     * {@code workingDaysBetween(d, plusWorkingDays(d, n)) == n} for n ≥ 1. Negative when
     * {@code toInclusive} lies before {@code fromExclusive} (e.g. how far a deadline is overdue).
     */
    public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
        Objects.requireNonNull(fromExclusive, "fromExclusive");
        Objects.requireNonNull(toInclusive, "toInclusive");
        if (toInclusive.isBefore(fromExclusive)) {
            return -workingDaysBetween(toInclusive, fromExclusive);
        }
        int count = 0;
        for (LocalDate day = fromExclusive.plusDays(1); !day.isAfter(toInclusive); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    private boolean listsYear(int year) {
        return exceptions.keySet().stream().anyMatch(date -> date.getYear() == year);
    }

    private static Map<LocalDate, Kind> load(Path extraFile) {
        Map<LocalDate, Kind> days;
        try (InputStream in = WorkingCalendar.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("classpath:" + BUILT_IN + " is missing");
            }
            days = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), "classpath:" + BUILT_IN);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read classpath:" + BUILT_IN, e);
        }
        int builtIn = days.size();
        int extra = 0;
        if (extraFile != null) {
            Path path = extraFile.toAbsolutePath();
            try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                Map<LocalDate, Kind> overrides = parse(in, path.toString());
                days.putAll(overrides);
                extra = overrides.size();
            } catch (IOException e) {
                throw new IllegalStateException("casegrid.calendar.extra-file: cannot read " + path + " (" + e + ")", e);
            }
        }
        log.info("Working calendar: {} dates built in, {} from the extra file, years {}",
                builtIn, extra, new TreeSet<>(days.keySet().stream().map(LocalDate::getYear).toList()));
        return days;
    }

    private static Map<LocalDate, Kind> parse(BufferedReader in, String source) throws IOException {
        Map<LocalDate, Kind> days = new HashMap<>();
        Map<LocalDate, Integer> firstSeen = new HashMap<>();
        boolean headerAllowed = true;
        int number = 0;
        String line;
        while ((line = in.readLine()) != null) {
            number++;
            // Excel and Notepad save "UTF-8" with a byte-order mark.
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (headerAllowed) {
                headerAllowed = false;
                if (text.toLowerCase(Locale.ROOT).startsWith("date,")) {
                    continue;
                }
            }
            String[] fields = text.split(",", 3);
            if (fields.length < 2) {
                throw badLine(source, number, "expected date,kind,name but found '" + text + "'");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(fields[0].strip());
            } catch (DateTimeParseException e) {
                throw badLine(source, number, "'" + fields[0].strip() + "' is not a date like 2026-10-01");
            }
            Kind kind;
            try {
                kind = Kind.valueOf(fields[1].strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw badLine(source, number, "kind must be HOLIDAY or WORKDAY, not '" + fields[1].strip() + "'");
            }
            Integer earlier = firstSeen.putIfAbsent(date, number);
            if (earlier != null) {
                throw badLine(source, number, date + " is already listed on line " + earlier);
            }
            days.put(date, kind);
        }
        return days;
    }

    private static IllegalStateException badLine(String source, int number, String problem) {
        return new IllegalStateException("Working calendar " + source + " line " + number + ": " + problem);
    }
}
