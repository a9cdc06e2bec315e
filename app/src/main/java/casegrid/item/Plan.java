package casegrid.item;

/** One item, one plan (一事一策): the responsible unit, the named duty holders and the measures. */
public record Plan(String responsibleUnit, String responsibleLeader, String investigator, String resolver,
                   String stabiliser, String dispatcher, String measures) {
}
