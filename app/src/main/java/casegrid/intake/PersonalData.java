package casegrid.intake;

import java.util.Set;

/**
 * The process variables that carry a party's personal data (names and phones, DOMAIN.md). They
 * exist only while the Tasklist start form is submitted: registration copies them into the item's
 * tables and removes them from the process, and {@link PersonalDataHistoryFilter} keeps them out of
 * the engine's history. A form field for a party's name, phone or other identity must be listed
 * here (ModelRulesTest checks every form).
 */
public final class PersonalData {

    public static final Set<String> VARIABLES = Set.of("partyName", "partyPhone");

    private PersonalData() {
    }

    public static boolean isPersonal(String variableName) {
        return variableName != null && VARIABLES.contains(variableName);
    }
}
