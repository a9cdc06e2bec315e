package casegrid.org;

import java.time.ZoneId;

/** Facts of the office every feature shares. */
public final class Office {

    /** The office's zone (CONTRACT.md): days, weeks, deadlines and printed times are counted in it. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Office() {
    }
}
