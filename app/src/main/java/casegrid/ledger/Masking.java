package casegrid.ledger;

import casegrid.item.RiskItemStore.Party;

/**
 * Masks parties' personal data the way Chinese public-service systems print it: the surname stays
 * ("张*", "欧**"), a mobile keeps its first three and last four digits ("139****5678"), any other
 * number only its last four. Enough to tell parties apart on a list, not enough to contact them.
 */
public final class Masking {

    public static String name(String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    public static String phone(String phone) {
        if (phone == null || phone.isBlank()) {
            return phone;
        }
        String digits = phone.replaceAll("\\D", "");
        if (digits.length() == 11 && digits.startsWith("1")) {
            return digits.substring(0, 3) + "****" + digits.substring(7);
        }
        if (digits.length() <= 4) {
            return "****";
        }
        return "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 4);
    }

    public static Party party(Party party, boolean unmasked) {
        return unmasked ? party : new Party(name(party.name()), phone(party.phone()), party.role());
    }

    private Masking() {
    }
}
