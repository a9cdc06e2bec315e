package casegrid.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.engine.impl.util.ParseUtil;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The grading table {@code processes/risk-grading.dmn} as the engine evaluates it, on Camunda's
 * standalone DMN engine (no Spring, no database). Every test asserts both the suggested level and
 * the rule that decided it, so a rule that silently stops firing (or a rule shadowing it) fails here.
 */
class RiskGradingDecisionTest {

    private static final String RESOURCE = "processes/risk-grading.dmn";
    private static final String DECISION_ID = "Decision_RiskGrading";
    private static final String DMNDI_NS = "https://www.omg.org/spec/DMN/20191111/DMNDI/";

    /** Most severe first: the order of the output values, and the order the rules must keep. */
    private static final List<String> SEVERITY = List.of("HIGH", "MEDIUM", "LOW");

    private static final List<String> CATEGORIES = List.of("DISPUTE", "PUBLIC_ORDER", "PUBLIC_SAFETY",
            "GROUP_CLAIM", "SUPPORT", "ONLINE_CRIME", "VIOLENCE_RISK");

    /** Decision table evaluations seen by the engine since the last {@link #grade}. */
    private static final List<DmnDecisionTableEvaluationEvent> EVALUATIONS = new ArrayList<>();

    private static DmnEngine engine;
    private static DmnModelInstance model;
    /** The table as deployed (hit policy FIRST). */
    private static DmnDecision decision;
    /** The same rules under RULE ORDER, so a test can see every rule that matches, not only the winner. */
    private static DmnDecision everyMatch;

    @BeforeAll
    static void parseTable() throws Exception {
        DmnDecisionEvaluationListener recorder = event -> {
            if (event.getDecisionResult() instanceof DmnDecisionTableEvaluationEvent table) {
                EVALUATIONS.add(table);
            }
        };
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration()
                .customPostDecisionEvaluationListeners(List.of(recorder))
                .buildEngine();
        try (InputStream in = resource()) {
            decision = engine.parseDecision(DECISION_ID, in);
        }
        try (InputStream in = resource()) {
            model = Dmn.readModelFromStream(in);
        }
        DmnModelInstance ruleOrder = model.clone();
        table(ruleOrder).setHitPolicy(HitPolicy.RULE_ORDER);
        everyMatch = engine.parseDecision(DECISION_ID, ruleOrder);
    }

    private static InputStream resource() {
        InputStream in = RiskGradingDecisionTest.class.getClassLoader().getResourceAsStream(RESOURCE);
        assertThat(in).as("%s on the test classpath", RESOURCE).isNotNull();
        return in;
    }

    private static DecisionTable table(DmnModelInstance instance) {
        Decision d = instance.getModelElementById(DECISION_ID);
        return (DecisionTable) d.getExpression();
    }

    // ---------------------------------------------------------------- the model itself

    @Test
    void decisionIsDeclaredForTheEngineAndTheModeler() throws Exception {
        Decision d = model.getModelElementById(DECISION_ID);
        assertThat(d.getName()).isEqualTo("风险等级研判");
        assertThat(d.getCamundaHistoryTimeToLiveString()).isEqualTo("P1825D");
        // The process engine refuses a deployment whose time to live it cannot read.
        assertThat(ParseUtil.parseHistoryTimeToLive(d.getCamundaHistoryTimeToLiveString())).isEqualTo(1825);
        assertThat(table(model).getHitPolicy()).isEqualTo(HitPolicy.FIRST);

        assertThat(table(model).getInputs())
                .extracting(input -> input.getInputExpression().getText().getTextContent(),
                        input -> input.getInputExpression().getTypeRef())
                .containsExactly(
                        tuple("category", "string"),
                        tuple("peopleInvolved", "integer"),
                        tuple("threatOfViolence", "boolean"),
                        tuple("involvesMinors", "boolean"),
                        tuple("repeatCount", "integer"),
                        tuple("crossJurisdiction", "boolean"));
        assertThat(table(model).getOutputs()).singleElement().satisfies(output -> {
            assertThat(output.getName()).isEqualTo("suggestedLevel");
            assertThat(output.getTypeRef()).isEqualTo("string");
            assertThat(output.getOutputValues().getText().getTextContent()).isEqualTo("\"HIGH\",\"MEDIUM\",\"LOW\"");
        });

        Document dom;
        try (InputStream in = resource()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            dom = factory.newDocumentBuilder().parse(in);
        }
        NodeList shapes = dom.getElementsByTagNameNS(DMNDI_NS, "DMNShape");
        List<String> shaped = new ArrayList<>();
        for (int i = 0; i < shapes.getLength(); i++) {
            shaped.add(((Element) shapes.item(i)).getAttribute("dmnElementRef"));
        }
        assertThat(shaped).as("DMNDI shapes").contains(DECISION_ID);
    }

    @Test
    void everyRuleHasANamedIdAndAChineseReason() {
        assertThat(rules()).allSatisfy(rule -> {
            assertThat(rule.getId()).matches("Rule_[A-Z][A-Za-z]+");
            assertThat(rule.getDescription()).as("annotation of %s", rule.getId()).isNotNull();
            assertThat(rule.getDescription().getTextContent()).as("annotation of %s", rule.getId())
                    .containsPattern("\\p{IsHan}");
        });
    }

    @Test
    void rulesRunFromMostToLeastSevereEndingInACatchAll() {
        // Under FIRST, the order is the policy: a milder rule above a severer one would downgrade it.
        List<Integer> severities = rules().stream().map(rule -> SEVERITY.indexOf(outputOf(rule))).toList();
        assertThat(severities).doesNotContain(-1).isSorted();

        Rule last = rules().get(rules().size() - 1);
        assertThat(last.getId()).isEqualTo("Rule_Default");
        assertThat(outputOf(last)).isEqualTo("LOW");
        assertThat(last.getInputEntries()).extracting(entry -> entry.getText().getTextContent().trim())
                .allMatch(String::isEmpty);
        assertThat(rules().subList(0, rules().size() - 1))
                .as("only the catch-all may match everything")
                .allSatisfy(rule -> assertThat(rule.getInputEntries())
                        .extracting(InputEntry::getText)
                        .anyMatch(text -> !text.getTextContent().isBlank()));
    }

    // ---------------------------------------------------------------- each rule decides

    record Example(String name, Item item, String level, String ruleId) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Example> oneExamplePerRule() {
        return Stream.of(
                new Example("扬言报复 → 高", item().threat(true), "HIGH", "Rule_ThreatOfViolence"),
                new Example("极端暴力风险类, 1 人 → 高", item().category("VIOLENCE_RISK").people(1),
                        "HIGH", "Rule_ViolenceRiskCategory"),
                new Example("群体性诉求 35 人 → 高", item().category("GROUP_CLAIM").people(35),
                        "HIGH", "Rule_LargeGroupClaim"),
                new Example("纠纷 80 人 → 高", item().category("DISPUTE").people(80), "HIGH", "Rule_FiftyOrMorePeople"),
                new Example("第 3 次重复反映 → 高", item().repeats(3), "HIGH", "Rule_RepeatedThreeOrMoreTimes"),
                new Example("涉及未成年人 → 中", item().minors(true), "MEDIUM", "Rule_InvolvesMinors"),
                new Example("群体性诉求 5 人 → 中", item().category("GROUP_CLAIM").people(5), "MEDIUM", "Rule_GroupClaim"),
                new Example("心理危机 1 人 → 中", item().category("SUPPORT").people(1), "MEDIUM", "Rule_SupportNeeded"),
                new Example("治安隐患 12 人 → 中", item().category("PUBLIC_ORDER").people(12),
                        "MEDIUM", "Rule_PublicOrderOrSafetyTenOrMore"),
                new Example("跨辖区 → 中", item().crossJurisdiction(true), "MEDIUM", "Rule_CrossJurisdiction"),
                new Example("重复反映 1 次 → 中", item().repeats(1), "MEDIUM", "Rule_RepeatedOnceOrTwice"),
                new Example("网络诈骗 20 人 → 中", item().category("ONLINE_CRIME").people(20),
                        "MEDIUM", "Rule_TenOrMorePeople"),
                new Example("邻里纠纷 2 人 → 低", item(), "LOW", "Rule_Default"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneExamplePerRule")
    void eachRuleDecidesItsExample(Example example) {
        assertThat(grade(example.item())).isEqualTo(new Grading(example.level(), example.ruleId()));
    }

    @Test
    void everyRuleOfTheTableHasAnExample() {
        List<String> covered = oneExamplePerRule().map(Example::ruleId).toList();
        assertThat(covered).containsExactlyInAnyOrderElementsOf(rules().stream().map(Rule::getId).toList());
    }

    // ---------------------------------------------------------------- boundaries

    @ParameterizedTest(name = "{0} with {1} people → {2} by {3}")
    @CsvSource({
            "DISPUTE,        0,  LOW,    Rule_Default",
            "DISPUTE,        9,  LOW,    Rule_Default",
            "DISPUTE,       10,  MEDIUM, Rule_TenOrMorePeople",
            "DISPUTE,       29,  MEDIUM, Rule_TenOrMorePeople",
            "DISPUTE,       30,  MEDIUM, Rule_TenOrMorePeople",
            "DISPUTE,       49,  MEDIUM, Rule_TenOrMorePeople",
            "DISPUTE,       50,  HIGH,   Rule_FiftyOrMorePeople",
            "ONLINE_CRIME,   9,  LOW,    Rule_Default",
            "ONLINE_CRIME,  10,  MEDIUM, Rule_TenOrMorePeople",
            "ONLINE_CRIME,  50,  HIGH,   Rule_FiftyOrMorePeople",
            "GROUP_CLAIM,    1,  MEDIUM, Rule_GroupClaim",
            "GROUP_CLAIM,    9,  MEDIUM, Rule_GroupClaim",
            "GROUP_CLAIM,   10,  MEDIUM, Rule_GroupClaim",
            "GROUP_CLAIM,   29,  MEDIUM, Rule_GroupClaim",
            "GROUP_CLAIM,   30,  HIGH,   Rule_LargeGroupClaim",
            "GROUP_CLAIM,   49,  HIGH,   Rule_LargeGroupClaim",
            "GROUP_CLAIM,   50,  HIGH,   Rule_LargeGroupClaim",
            "PUBLIC_ORDER,   9,  LOW,    Rule_Default",
            "PUBLIC_ORDER,  10,  MEDIUM, Rule_PublicOrderOrSafetyTenOrMore",
            "PUBLIC_ORDER,  30,  MEDIUM, Rule_PublicOrderOrSafetyTenOrMore",
            "PUBLIC_ORDER,  49,  MEDIUM, Rule_PublicOrderOrSafetyTenOrMore",
            "PUBLIC_ORDER,  50,  HIGH,   Rule_FiftyOrMorePeople",
            "PUBLIC_SAFETY,  9,  LOW,    Rule_Default",
            "PUBLIC_SAFETY, 10,  MEDIUM, Rule_PublicOrderOrSafetyTenOrMore",
            "PUBLIC_SAFETY, 49,  MEDIUM, Rule_PublicOrderOrSafetyTenOrMore",
            "PUBLIC_SAFETY, 50,  HIGH,   Rule_FiftyOrMorePeople",
            "SUPPORT,        9,  MEDIUM, Rule_SupportNeeded",
            "SUPPORT,       49,  MEDIUM, Rule_SupportNeeded",
            "SUPPORT,       50,  HIGH,   Rule_FiftyOrMorePeople",
            "VIOLENCE_RISK,  0,  HIGH,   Rule_ViolenceRiskCategory",
    })
    void peopleInvolvedThresholds(String category, int people, String level, String ruleId) {
        assertThat(grade(item().category(category).people(people))).isEqualTo(new Grading(level, ruleId));
    }

    @ParameterizedTest(name = "repeat count {0} → {1} by {2}")
    @CsvSource({
            "0,  LOW,    Rule_Default",
            "1,  MEDIUM, Rule_RepeatedOnceOrTwice",
            "2,  MEDIUM, Rule_RepeatedOnceOrTwice",
            "3,  HIGH,   Rule_RepeatedThreeOrMoreTimes",
            "4,  HIGH,   Rule_RepeatedThreeOrMoreTimes",
            "12, HIGH,   Rule_RepeatedThreeOrMoreTimes",
    })
    void repeatReportsRaiseTheGrade(int repeatCount, String level, String ruleId) {
        assertThat(grade(item().repeats(repeatCount))).isEqualTo(new Grading(level, ruleId));
    }

    // ---------------------------------------------------------------- the severest match wins

    static Stream<Example> severerMatchesBelowMilderOnes() {
        return Stream.of(
                new Example("威胁 + 未成年人 + 跨辖区 + 重复 1 次 → 高", item().threat(true).minors(true)
                        .crossJurisdiction(true).repeats(1), "HIGH", "Rule_ThreatOfViolence"),
                new Example("群体性诉求 30 人 + 未成年人 → 高", item().category("GROUP_CLAIM").people(30).minors(true),
                        "HIGH", "Rule_LargeGroupClaim"),
                new Example("公共安全 50 人 (也满足 ≥10 人治安/公共安全) → 高", item().category("PUBLIC_SAFETY").people(50),
                        "HIGH", "Rule_FiftyOrMorePeople"),
                new Example("未成年人 + 第 3 次重复 → 高", item().minors(true).repeats(3),
                        "HIGH", "Rule_RepeatedThreeOrMoreTimes"),
                new Example("特殊人群 + 暴力威胁 → 高", item().category("SUPPORT").threat(true),
                        "HIGH", "Rule_ThreatOfViolence"),
                new Example("跨辖区 + 第 4 次重复 → 高", item().crossJurisdiction(true).repeats(4),
                        "HIGH", "Rule_RepeatedThreeOrMoreTimes"),
                new Example("极端暴力风险类 + 跨辖区 + 未成年人 → 高", item().category("VIOLENCE_RISK")
                        .crossJurisdiction(true).minors(true), "HIGH", "Rule_ViolenceRiskCategory"),
                new Example("群体性诉求 12 人 + 跨辖区 → 中 (非低)", item().category("GROUP_CLAIM").people(12)
                        .crossJurisdiction(true), "MEDIUM", "Rule_GroupClaim"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("severerMatchesBelowMilderOnes")
    void aMilderRuleNeverDowngradesASevereMatch(Example example) {
        List<String> matching = everyMatchingRule(example.item());
        assertThat(matching).as("several rules match").hasSizeGreaterThan(2).endsWith("Rule_Default");
        assertThat(grade(example.item())).isEqualTo(new Grading(example.level(), example.ruleId()));
    }

    /**
     * Over every combination of the inputs around the thresholds, the suggestion is the severest
     * level any rule reaches, and equals the grading rules written out independently below.
     */
    @Test
    void theSuggestionIsAlwaysTheSeverestMatchingLevel() {
        int checked = 0;
        for (String category : CATEGORIES) {
            for (int people : new int[] {0, 1, 9, 10, 29, 30, 49, 50, 200}) {
                for (int repeats : new int[] {0, 1, 2, 3}) {
                    for (boolean threat : new boolean[] {false, true}) {
                        for (boolean minors : new boolean[] {false, true}) {
                            for (boolean cross : new boolean[] {false, true}) {
                                Item item = item().category(category).people(people).repeats(repeats)
                                        .threat(threat).minors(minors).crossJurisdiction(cross);
                                List<String> matching = everyMatchingRule(item);
                                String severest = matching.stream().map(RiskGradingDecisionTest::levelOfRule)
                                        .min((a, b) -> SEVERITY.indexOf(a) - SEVERITY.indexOf(b)).orElseThrow();
                                Grading grading = grade(item);

                                assertThat(matching).as("%s", item).endsWith("Rule_Default");
                                assertThat(grading.ruleId()).as("%s", item).isEqualTo(matching.get(0));
                                assertThat(grading.level()).as("%s", item)
                                        .isEqualTo(severest)
                                        .isEqualTo(expectedLevel(item));
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(7 * 9 * 4 * 2 * 2 * 2);
    }

    /** The brief's grading rules, restated in Java as an independent oracle for the table. */
    private static String expectedLevel(Item item) {
        Map<String, Object> v = item.variables();
        String category = (String) v.get("category");
        int people = (Integer) v.get("peopleInvolved");
        int repeats = (Integer) v.get("repeatCount");
        if (Boolean.TRUE.equals(v.get("threatOfViolence")) || category.equals("VIOLENCE_RISK")
                || (category.equals("GROUP_CLAIM") && people >= 30) || people >= 50 || repeats >= 3) {
            return "HIGH";
        }
        if (Boolean.TRUE.equals(v.get("involvesMinors")) || category.equals("GROUP_CLAIM")
                || category.equals("SUPPORT")
                || ((category.equals("PUBLIC_ORDER") || category.equals("PUBLIC_SAFETY")) && people >= 10)
                || Boolean.TRUE.equals(v.get("crossJurisdiction")) || repeats >= 1 || people >= 10) {
            return "MEDIUM";
        }
        return "LOW";
    }

    // ---------------------------------------------------------------- the values a process really passes

    @Test
    void countsArriveAsLongFromJson() {
        Item item = item().category("GROUP_CLAIM").set("peopleInvolved", 30L).set("repeatCount", 0L);
        assertThat(grade(item)).isEqualTo(new Grading("HIGH", "Rule_LargeGroupClaim"));
    }

    @Test
    void aCategoryAddedByADeploymentFallsUnderTheGeneralRules() {
        assertThat(grade(item().category("OTHER").people(3))).isEqualTo(new Grading("LOW", "Rule_Default"));
        assertThat(grade(item().category("OTHER").people(10))).isEqualTo(new Grading("MEDIUM", "Rule_TenOrMorePeople"));
    }

    @Test
    void unknownCountsAndFlagsNeitherFailNorRaiseTheGrade() {
        Item nulls = item().category("DISPUTE").set("peopleInvolved", null).set("repeatCount", null)
                .set("threatOfViolence", null).set("involvesMinors", null).set("crossJurisdiction", null);
        assertThat(grade(nulls)).isEqualTo(new Grading("LOW", "Rule_Default"));

        Item unknownPeople = item().category("GROUP_CLAIM").set("peopleInvolved", null);
        assertThat(grade(unknownPeople)).isEqualTo(new Grading("MEDIUM", "Rule_GroupClaim"));

        // The intake body carries no repeatCount; a process that has not set it yet still gets a grade.
        Item neverSet = item().category("SUPPORT").without("repeatCount").without("crossJurisdiction");
        assertThat(grade(neverSet)).isEqualTo(new Grading("MEDIUM", "Rule_SupportNeeded"));
        assertThat(grade(item().without("repeatCount"))).isEqualTo(new Grading("LOW", "Rule_Default"));
    }

    // ---------------------------------------------------------------- helpers

    record Grading(String level, String ruleId) {
    }

    /** Evaluates the table as deployed and reports the level and the one rule that decided it. */
    private static Grading grade(Item item) {
        EVALUATIONS.clear();
        DmnDecisionResult result = engine.evaluateDecision(decision, item.variables());
        assertThat(result).as("exactly one result for %s", item).hasSize(1);
        String level = result.getSingleResult().getSingleEntry();
        assertThat(EVALUATIONS).singleElement();
        List<String> decided = EVALUATIONS.get(0).getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).toList();
        assertThat(decided).as("rules that decided %s", item).hasSize(1);
        return new Grading(level, decided.get(0));
    }

    /** Ids of every rule whose conditions hold, in table order. */
    private static List<String> everyMatchingRule(Item item) {
        EVALUATIONS.clear();
        engine.evaluateDecision(everyMatch, item.variables());
        assertThat(EVALUATIONS).singleElement();
        return EVALUATIONS.get(0).getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).toList();
    }

    private static List<Rule> rules() {
        return new ArrayList<>(table(model).getRules());
    }

    private static String outputOf(Rule rule) {
        Collection<OutputEntry> outputs = rule.getOutputEntries();
        assertThat(outputs).hasSize(1);
        return outputs.iterator().next().getText().getTextContent().trim().replace("\"", "");
    }

    private static String levelOfRule(String ruleId) {
        return outputOf(model.getModelElementById(ruleId));
    }

    /** A mild item (a two-party dispute, first report, no flags) that each test makes worse. */
    private static Item item() {
        return new Item();
    }

    static final class Item {
        private final Map<String, Object> variables = new LinkedHashMap<>();

        Item() {
            variables.put("category", "DISPUTE");
            variables.put("peopleInvolved", 2);
            variables.put("threatOfViolence", false);
            variables.put("involvesMinors", false);
            variables.put("repeatCount", 0);
            variables.put("crossJurisdiction", false);
        }

        Item category(String category) {
            return set("category", category);
        }

        Item people(int people) {
            return set("peopleInvolved", people);
        }

        Item threat(boolean threat) {
            return set("threatOfViolence", threat);
        }

        Item minors(boolean minors) {
            return set("involvesMinors", minors);
        }

        Item repeats(int repeatCount) {
            return set("repeatCount", repeatCount);
        }

        Item crossJurisdiction(boolean cross) {
            return set("crossJurisdiction", cross);
        }

        Item set(String name, Object value) {
            variables.put(name, value);
            return this;
        }

        Item without(String name) {
            variables.remove(name);
            return this;
        }

        Map<String, Object> variables() {
            return variables;
        }

        @Override
        public String toString() {
            return variables.toString();
        }
    }
}
