package casegrid.model;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.PersonalData;
import casegrid.item.RiskItemVariables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The house rules for models (those of shared/tools/lint-processes, plus STYLE.md's binding rule),
 * as the project's own test over processes/ and forms/: it fails the build, not a review.
 */
class ModelRulesTest {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Set<String> FLOW_NODES = Set.of("startEvent", "endEvent", "intermediateCatchEvent",
            "intermediateThrowEvent", "boundaryEvent", "task", "userTask", "serviceTask", "businessRuleTask",
            "scriptTask", "sendTask", "receiveTask", "manualTask", "callActivity", "subProcess",
            "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway");

    /** CONTRACT.md: process keys and the user tasks each must have. Processes not yet built are listed in PENDING. */
    static final Map<String, List<String>> CONTRACT = Map.of(
            "riskItem", List.of("Task_ReviewDuplicate", "Task_Grade", "Task_RectifyNow", "Task_Plan",
                    "Task_EmergencyPlan", "Task_ApproveEmergencyPlan", "Task_Feedback", "Task_Resolve",
                    "Task_RequestClosure", "Task_ApproveClosure", "Task_Redispatch", "Task_ApproveExtension",
                    "Task_FollowUpVisit"),
            "whistle", List.of("Task_ReportIn", "Task_ArbitrateDecline", "Task_JointHandling"),
            "jointMeeting", List.of("Task_ApproveEscalation", "Task_ConveneMeeting", "Task_RecordMinutes"),
            "supervision", List.of("Task_IssueSupervision", "Task_ReplySupervision"),
            "dailyCheck", List.of("Task_DailyCheck"),
            "weeklyReview", List.of("Task_WeeklyReview"),
            "monthlyStats", List.of("Task_MonthlyReview"));
    /** Contract processes whose issues are still open; remove a key when its process lands. */
    static final Set<String> PENDING = Set.of();

    static Set<String> formIds = new HashSet<>();
    static List<Path> bpmnFiles;

    @BeforeAll
    static void readForms() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> forms = Files.walk(ROOT.resolve("forms"))) {
            for (Path form : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
                JsonNode json = mapper.readTree(form.toFile());
                String id = json.path("id").asText();
                assertThat(id).as("form id of %s equals its file name", form.getFileName())
                        .isEqualTo(form.getFileName().toString().replace(".form", ""));
                formIds.add(id);
            }
        }
        try (Stream<Path> files = Files.walk(ROOT.resolve("processes"))) {
            bpmnFiles = files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
        }
    }

    @Test
    void everyBpmnFollowsTheHouseRules() throws Exception {
        List<String> findings = new ArrayList<>();
        for (Path file : bpmnFiles) {
            Document doc = parse(file);
            Set<String> shapes = new HashSet<>();
            NodeList shapeNodes = doc.getElementsByTagNameNS(BPMNDI, "BPMNShape");
            for (int i = 0; i < shapeNodes.getLength(); i++) {
                shapes.add(((Element) shapeNodes.item(i)).getAttribute("bpmnElement"));
            }
            NodeList processes = doc.getElementsByTagNameNS(BPMN, "process");
            for (int i = 0; i < processes.getLength(); i++) {
                Element process = (Element) processes.item(i);
                if (!"true".equals(process.getAttribute("isExecutable"))) {
                    continue;
                }
                if (process.getAttributeNS(CAMUNDA, "historyTimeToLive").isEmpty()) {
                    findings.add(file.getFileName() + ": process " + process.getAttribute("id") + " has no historyTimeToLive");
                }
                checkElements(file.getFileName().toString(), process, shapes, findings);
            }
        }
        assertThat(findings).isEmpty();
    }

    private void checkElements(String file, Element parent, Set<String> shapes, List<String> findings) {
        NodeList all = parent.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element el = (Element) all.item(i);
            String tag = el.getLocalName();
            String id = el.getAttribute("id");
            if (BPMN.equals(el.getNamespaceURI()) && FLOW_NODES.contains(tag) && !shapes.contains(id)) {
                findings.add(file + ": " + tag + " " + id + " has no diagram shape");
            }
            if ("scriptTask".equals(tag)) {
                findings.add(file + ": script task " + id);
            }
            if (CAMUNDA.equals(el.getNamespaceURI()) && "script".equals(tag)) {
                findings.add(file + ": inline script near " + nearestId(el));
            }
            if ("conditionExpression".equals(tag) && el.hasAttribute("language")) {
                findings.add(file + ": script condition near " + nearestId(el));
            }
            for (String forbidden : new String[] {"class", "expression"}) {
                boolean listener = CAMUNDA.equals(el.getNamespaceURI())
                        && ("executionListener".equals(tag) || "taskListener".equals(tag));
                boolean task = BPMN.equals(el.getNamespaceURI()) && ("serviceTask".equals(tag) || "sendTask".equals(tag));
                if ((listener && el.hasAttribute(forbidden)) || (task && el.hasAttributeNS(CAMUNDA, forbidden))) {
                    findings.add(file + ": " + tag + " " + nearestId(el) + " binds with camunda:" + forbidden
                            + " (use delegateExpression)");
                }
            }
            if (BPMN.equals(el.getNamespaceURI()) && "serviceTask".equals(tag)
                    && !el.hasAttributeNS(CAMUNDA, "delegateExpression")) {
                findings.add(file + ": service task " + id + " has no camunda:delegateExpression");
            }
            if (BPMN.equals(el.getNamespaceURI()) && "userTask".equals(tag)) {
                if (!el.hasAttributeNS(CAMUNDA, "candidateGroups") && !el.hasAttributeNS(CAMUNDA, "assignee")
                        && !el.hasAttributeNS(CAMUNDA, "candidateUsers")) {
                    findings.add(file + ": user task " + id + " has no candidate groups or assignee");
                }
                // A community's area group includes its grid workers: casework names the staff group
                // (CaseworkCandidates maps it anyway; the model should say what happens).
                String candidates = el.getAttributeNS(CAMUNDA, "candidateGroups");
                if (candidates.matches(".*community-\\$\\{community}(?![-\\w]).*")
                        || candidates.matches(".*'community-'\\.concat\\(community\\)(?!\\.concat\\('-).*")) {
                    findings.add(file + ": user task " + id + " names the community's area group as candidates"
                            + " (use community-${community}-staff)");
                }
                String formRef = el.getAttributeNS(CAMUNDA, "formRef");
                if (formRef.isEmpty() && el.getAttributeNS(CAMUNDA, "formKey").isEmpty()) {
                    findings.add(file + ": user task " + id + " has no form");
                } else if (!formRef.isEmpty() && !formRef.contains("${") && !formIds.contains(formRef)) {
                    findings.add(file + ": user task " + id + " names form " + formRef + ", not found in forms/");
                }
                if (id.matches(".*_[0-9a-z]{7}$")) {
                    findings.add(file + ": user task " + id + " has a Modeler auto-id");
                }
            }
        }
    }

    @Test
    void theContractProcessesAndUserTasksExist() throws Exception {
        Map<String, Set<String>> tasksByProcess = new HashMap<>();
        for (Path file : bpmnFiles) {
            NodeList processes = parse(file).getElementsByTagNameNS(BPMN, "process");
            for (int i = 0; i < processes.getLength(); i++) {
                Element process = (Element) processes.item(i);
                Set<String> tasks = tasksByProcess.computeIfAbsent(process.getAttribute("id"), k -> new HashSet<>());
                NodeList userTasks = process.getElementsByTagNameNS(BPMN, "userTask");
                for (int j = 0; j < userTasks.getLength(); j++) {
                    tasks.add(((Element) userTasks.item(j)).getAttribute("id"));
                }
            }
        }
        CONTRACT.forEach((process, tasks) -> {
            if (PENDING.contains(process)) {
                return;
            }
            assertThat(tasksByProcess).as("contract process %s", process).containsKey(process);
            assertThat(tasksByProcess.get(process)).as("user tasks of %s", process).containsAll(tasks);
        });
    }

    @Test
    void everyFormIsChineseAndRequiresWhatItAsks() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> forms = Files.walk(ROOT.resolve("forms"))) {
            for (Path form : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
                JsonNode json = mapper.readTree(form.toFile());
                List<String> labels = new ArrayList<>();
                json.findValues("label").forEach(l -> labels.add(l.asText()));
                assertThat(labels).as("labels of %s", form.getFileName()).isNotEmpty()
                        .anyMatch(l -> l.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
            }
        }
    }

    /** Every component of a form, nested ones included, with the form's file name. */
    private static List<Map.Entry<String, JsonNode>> components() throws IOException {
        List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> forms = Files.walk(ROOT.resolve("forms"))) {
            for (Path form : forms.filter(p -> p.toString().endsWith(".form")).sorted().toList()) {
                collect(form.getFileName().toString(), mapper.readTree(form.toFile()), all);
            }
        }
        return all;
    }

    private static void collect(String form, JsonNode container, List<Map.Entry<String, JsonNode>> all) {
        for (JsonNode component : container.path("components")) {
            all.add(Map.entry(form, component));
            collect(form, component, all);
        }
    }

    /**
     * Who may hold a duty and which unit may own an item is the organisation's, and it changes: a form
     * names a list the app fills for the task ({@code valuesKey}), never a static list of units or
     * people, and never asks for a user id typed by hand (the start form's lists are filled when it is
     * served, StartFormOptions).
     */
    @Test
    void noFormListsOrgUnitsOrPeople() throws IOException {
        Pattern orgValue = Pattern.compile("(community-|dept-|street-|supervision-|district-).*|C\\d{2}|[a-z]+\\d*-(staff|leader|grid\\d*)|(center|leader|sup)\\d+");
        Pattern userIdHint = Pattern.compile(".*\\b(c\\d{2}-(staff|leader|grid\\d*)|dept-[a-z]+|community-C\\d{2})\\b.*", Pattern.DOTALL);
        Set<String> personOrUnitKeys = Set.of("responsibleUnit", "responsibleLeader", "investigator", "resolver", "stabiliser",
                "dispatcher", "departments", "invitedDepartments", "owner", "transferTo", "attendingStaff", "reportedStaff");
        List<String> findings = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : components()) {
            String form = entry.getKey();
            JsonNode component = entry.getValue();
            String key = component.path("key").asText();
            for (JsonNode option : component.path("values")) {
                if (orgValue.matcher(option.path("value").asText()).matches()) {
                    findings.add(form + ": " + key + " lists " + option.path("value").asText());
                }
            }
            if (personOrUnitKeys.contains(key) && component.path("valuesKey").asText().isBlank()) {
                findings.add(form + ": " + key + " names a person or unit without a valuesKey");
            }
            for (String text : List.of("label", "description", "placeholder", "text")) {
                if (userIdHint.matcher(component.path(text).asText()).matches()) {
                    findings.add(form + ": " + key + " asks for an id in its " + text);
                }
            }
        }
        assertThat(findings).isEmpty();
    }

    /**
     * Organisation and reference data are data (issue 13): a field that picks a community, grid, unit,
     * person, category, source or closure outcome takes its options from the app ({@code valuesKey}) and
     * carries no static {@code values} of its own, so a new street or a renamed category needs no form change.
     */
    @Test
    void noFormCarriesAStaticListOfOrganisationOrReferenceData() throws IOException {
        Set<String> dataKeys = Set.of("community", "grid", "category", "subcategory", "source", "closureOutcome",
                "responsibleUnit", "responsibleLeader", "investigator", "resolver", "stabiliser", "dispatcher",
                "departments", "invitedDepartments", "owner", "department", "transferTo", "attendingStaff", "commandStaff");
        List<String> findings = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : components()) {
            JsonNode component = entry.getValue();
            String key = component.path("key").asText();
            boolean choice = Set.of("select", "radio", "checklist", "taglist").contains(component.path("type").asText());
            if (dataKeys.contains(key) && (component.has("values") || (choice && component.path("valuesKey").asText().isBlank()))) {
                findings.add(entry.getKey() + ": " + key + " carries its own list of options");
            }
            // No id or code typed by hand (issue 11): where such a field can be written, it is a choice
            // (the subcategory alone is free text by contract, its list only a suggestion).
            boolean shownOnly = component.path("disabled").asBoolean() || component.path("readonly").asBoolean();
            if (dataKeys.contains(key) && !"subcategory".equals(key) && !choice && !shownOnly) {
                findings.add(entry.getKey() + ": " + key + " is typed by hand (" + component.path("type").asText() + ")");
            }
        }
        assertThat(findings).isEmpty();
    }

    /** A list a form reads is one the app fills (OptionLists) and no client may write (APP_OWNED). */
    @Test
    void everyOptionListAFormReadsIsTheApps() throws IOException {
        List<String> findings = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : components()) {
            String list = entry.getValue().path("valuesKey").asText();
            if (!list.isBlank() && !(RiskItemVariables.OPTION_LISTS.contains(list) && RiskItemVariables.APP_OWNED.contains(list))) {
                findings.add(entry.getKey() + ": " + list);
            }
        }
        assertThat(findings).isEmpty();
    }

    /**
     * No English left in what a form shows (a path such as /dashboard is an address, not a word), and
     * a date is asked for with a date picker, not typed.
     */
    @Test
    void everyFormSpeaksChineseOnlyAndPicksDates() throws IOException {
        Pattern english = Pattern.compile("[A-Za-z]{3,}");
        List<String> findings = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : components()) {
            JsonNode component = entry.getValue();
            String where = entry.getKey() + ": " + component.path("id").asText();
            for (String text : List.of("label", "description", "placeholder", "text", "dateLabel", "timeLabel")) {
                if (english.matcher(component.path(text).asText().replaceAll("/[a-z/-]+", "")).find()) {
                    findings.add(where + " " + text + ": " + component.path(text).asText());
                }
            }
            component.path("values").forEach(option -> {
                if (english.matcher(option.path("label").asText()).find()) {
                    findings.add(where + " option: " + option.path("label").asText());
                }
            });
            boolean enabled = !component.path("disabled").asBoolean(false) && !component.path("readonly").asBoolean(false);
            if (enabled && "textfield".equals(component.path("type").asText())
                    && component.path("key").asText().matches("(?i).*(date|due|resolveBy|extendTo)$")) {
                findings.add(where + ": a date typed into a text field");
            }
        }
        assertThat(findings).isEmpty();
    }

    /**
     * A form field that asks for a person's name, phone or identity (by its key or its label) is
     * personal data: it must be in PersonalData.VARIABLES, which keeps it out of the engine's history.
     */
    @Test
    void everyFormFieldAskingForPersonalDataIsKeptOutOfHistory() throws IOException {
        Pattern personalKey = Pattern.compile(
                "(?i).*(party|parties|phone|mobile|tel$|contact|idcard|idnumber|identity|citizen).*");
        Pattern personalLabel = Pattern.compile(".*(姓名|电话|手机|身份证|联系方式|住址|证件).*");
        List<String> findings = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> forms = Files.walk(ROOT.resolve("forms"))) {
            for (Path form : forms.filter(p -> p.toString().endsWith(".form")).sorted().toList()) {
                for (JsonNode field : mapper.readTree(form.toFile()).findParents("key")) {
                    String key = field.path("key").asText();
                    String label = field.path("label").asText();
                    boolean looksPersonal = personalKey.matcher(key).matches() || personalLabel.matcher(label).matches();
                    if (looksPersonal && !PersonalData.isPersonal(key)) {
                        findings.add(form.getFileName() + ": " + key + " (" + label + ")");
                    }
                }
            }
        }
        assertThat(findings).as("personal-data fields missing from PersonalData.VARIABLES").isEmpty();
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static String nearestId(Node node) {
        for (Node n = node; n != null; n = n.getParentNode()) {
            if (n instanceof Element e && !e.getAttribute("id").isEmpty()) {
                return e.getAttribute("id");
            }
        }
        return "?";
    }
}
