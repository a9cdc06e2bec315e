package casegrid.item;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An earlier item that may be the same matter, with what makes it look so. The reason names no
 * party: it is shown in the 重复事项研判 form, whose variables reach the history.
 */
public record DuplicateCandidate(String number, double addressSimilarity, double titleSimilarity, boolean sameParty,
                                 Double distanceMetres) {

    /** Reported this close to the other (both with the phone's location) is the same spot, as FixMyStreet counts it. */
    public static final double NEARBY_METRES = 50;

    /** A candidate without coordinates on one side or the other. */
    public DuplicateCandidate(String number, double addressSimilarity, double titleSimilarity, boolean sameParty) {
        this(number, addressSimilarity, titleSimilarity, sameParty, null);
    }

    /** Below this an address shares only the street or the estate's name with the other. */
    static final double SIMILAR_ADDRESS = 0.4;
    /** A similar title counts only beside an address that is at least this close (pg_trgm's own default). */
    static final double NEARBY_ADDRESS = 0.3;
    static final double SIMILAR_TITLE = 0.5;
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    boolean likely() {
        return sameParty || nearby() || addressSimilarity >= SIMILAR_ADDRESS
                || (addressSimilarity >= NEARBY_ADDRESS && titleSimilarity >= SIMILAR_TITLE);
    }

    boolean nearby() {
        return distanceMetres != null && distanceMetres <= NEARBY_METRES;
    }

    /**
     * Whether the numbers of two addresses (road number, building, unit, in the order written) can
     * name the same place: one list extends the other. "福泰小区1号楼" fits "福泰小区1号楼2单元";
     * "福泰小区3号楼" does not fit "福泰小区1号楼", though trigrams find them 45 % alike.
     */
    static boolean samePlaceNumbers(String address, String other) {
        List<String> these = numbers(address);
        List<String> those = numbers(other);
        List<String> shorter = these.size() <= those.size() ? these : those;
        List<String> longer = shorter == these ? those : these;
        return longer.subList(0, shorter.size()).equals(shorter);
    }

    private static List<String> numbers(String address) {
        List<String> numbers = new ArrayList<>();
        Matcher digits = DIGITS.matcher(address == null ? "" : address);
        while (digits.find()) {
            numbers.add(digits.group().replaceFirst("^0+(?=\\d)", ""));
        }
        return numbers;
    }

    /** e.g. "QF-2026-000123（相距 32 米；地址相似度 58%；标题相似度 100%）". */
    public String describe() {
        List<String> reasons = new ArrayList<>();
        if (sameParty) {
            reasons.add("当事人姓名或电话相同");
        }
        if (nearby()) {
            reasons.add("相距 " + Math.round(distanceMetres) + " 米");
        }
        if (addressSimilarity >= 0.999) {
            reasons.add("地址相同");
        } else if (addressSimilarity >= NEARBY_ADDRESS) {
            reasons.add("地址相似度 " + percent(addressSimilarity));
        }
        if (titleSimilarity >= SIMILAR_TITLE) {
            reasons.add("标题相似度 " + percent(titleSimilarity));
        }
        return number + "（" + String.join("；", reasons) + "）";
    }

    private static String percent(double similarity) {
        return Math.round(similarity * 100) + "%";
    }
}
