package casegrid.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads every resource of a new deployment before the engine does and refuses the whole deployment, as a
 * {@link ParseException} (REST: 400 naming the resource and the element), when a resource breaks casegrid's
 * model policy:
 * <ul>
 * <li>over {@code casegrid.deployment.max-resource-size}, or the deployment over {@code max-deployment-size};</li>
 * <li>a file that is not BPMN, DMN or a form (.bpmn, .dmn, .form);</li>
 * <li>XML with a DOCTYPE (external entities, entity expansion) or not well-formed;</li>
 * <li>BPMN that runs code other than published beans: a script in any element, namespace or language (script
 *     tasks, {@code script} elements, {@code language}/{@code scriptFormat}/{@code resource} attributes), Java
 *     classes by name ({@code camunda:class} and every {@code *Class} attribute), connectors, embedded or external
 *     forms ({@code camunda:formKey}: HTML with JavaScript), and expressions
 *     that reach beyond {@link ModelApiCatalog} ({@link ExpressionPolicy});</li>
 * <li>DMN with an expression language other than FEEL or JUEL, and JUEL beyond the catalog.</li>
 * </ul>
 * Rules are allow-lists: a new scripting attribute or language is refused without a change here.
 */
public class ModelPolicyDeployer implements Deployer {

    static final String SCRIPTS = "casegrid 不允许在模型中使用脚本 (scripts are not allowed in casegrid models; use a published bean)";
    static final String DMN_SCRIPTS = "casegrid 不允许在决策表中使用脚本 (scripts are not allowed in casegrid decision tables; use FEEL)";
    static final String JAVA_CLASSES = "casegrid 不允许在模型中按类名调用 Java 代码 (no Java classes or connectors by name; use "
            + "delegateExpression with a Spring bean)";
    static final String EXPRESSIONS = "表达式只能使用公开的变量、Bean 和方法 (expressions may use only what docs/deploying-models.md "
            + "publishes)";
    static final String FORMS = "任务表单只能用 camunda:formRef 引用 Camunda 表单 (task forms only as camunda:formRef; embedded HTML "
            + "forms run JavaScript in the caseworker's browser)";
    static final String RESOURCE_TYPES = "部署只能包含 BPMN、DMN 和表单文件 (a deployment holds only .bpmn, .dmn and .form files)";
    static final String DOCTYPE = "不允许 DOCTYPE (no DOCTYPE: external entities and entity expansion are refused)";
    static final String MALFORMED = "不是格式正确的 XML (not well-formed XML)";
    static final String TOO_LARGE = "文件超过大小上限 (over the size limit)";

    /** What Modeler deploys; anything else (HTML, JavaScript, SVG ...) would be served back from the engine's REST API. */
    static final List<String> RESOURCE_SUFFIXES = List.of(".bpmn", ".bpmn20.xml", ".dmn", ".dmn11.xml", ".form");

    /** The DMN expression languages the engine runs without a script engine. */
    static final Set<String> DMN_LANGUAGES = Set.of("feel", "juel", "http://www.omg.org/spec/feel/20140401",
            "http://www.omg.org/spec/dmn/20180521/feel/", "https://www.omg.org/spec/dmn/20191111/feel/",
            "https://www.omg.org/spec/dmn/20211108/feel/", "https://www.omg.org/spec/dmn/20230324/feel/");

    private final ExpressionPolicy expressions;
    private final DeploymentLimits limits;

    public ModelPolicyDeployer(ExpressionPolicy expressions, DeploymentLimits limits) {
        this.expressions = expressions;
        this.limits = limits;
    }

    record Finding(String rule, String detail, String elementId) implements Problem {
        @Override
        public String getMessage() {
            return rule + ": " + detail;
        }

        @Override
        public int getLine() {
            return 0;
        }

        @Override
        public int getColumn() {
            return 0;
        }

        @Override
        public String getMainElementId() {
            return elementId;
        }

        @Override
        public List<String> getElementIds() {
            return elementId == null ? List.of() : List.of(elementId);
        }
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew() || deployment.getResources() == null) {
            return; // definitions re-read into the cache were checked when they were deployed
        }
        long total = 0;
        for (ResourceEntity resource : deployment.getResources().values()) {
            byte[] bytes = resource.getBytes() == null ? new byte[0] : resource.getBytes();
            total += bytes.length;
            refuseIfAny(resource.getName(), check(resource.getName(), bytes));
        }
        if (total > limits.maxDeploymentSize().toBytes()) {
            refuseIfAny(deployment.getName(), List.of(new Finding(TOO_LARGE, "deployment " + total + " bytes > "
                    + limits.maxDeploymentSize().toBytes(), null)));
        }
    }

    /** What is wrong with one resource; empty when nothing is. */
    List<Finding> check(String name, byte[] bytes) {
        if (bytes.length > limits.maxResourceSize().toBytes()) {
            return List.of(new Finding(TOO_LARGE, name + " " + bytes.length + " bytes > " + limits.maxResourceSize().toBytes(), null));
        }
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (RESOURCE_SUFFIXES.stream().noneMatch(lower::endsWith)) {
            return List.of(new Finding(RESOURCE_TYPES, String.valueOf(name), null));
        }
        boolean bpmn = lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml");
        boolean dmn = lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml");
        if (!bpmn && !dmn) {
            return List.of(); // a form: JSON that the browser reads
        }
        List<Finding> findings = new ArrayList<>();
        Document document;
        try {
            document = parse(bytes);
        } catch (SAXParseException e) {
            boolean doctype = String.valueOf(e.getMessage()).contains("DOCTYPE");
            findings.add(new Finding(doctype ? DOCTYPE : MALFORMED, name + (doctype ? "" : " line " + e.getLineNumber()
                    + ": " + e.getMessage()), null));
            return findings;
        } catch (SAXException | IOException e) {
            findings.add(new Finding(MALFORMED, name + ": " + e.getMessage(), null));
            return findings;
        }
        if (bpmn) {
            bpmn(document.getDocumentElement(), null, findings);
        } else if (dmn) {
            dmn(document.getDocumentElement(), null, null, findings);
        }
        return findings.stream().distinct().toList();
    }

    private void bpmn(Element element, String nearestId, List<Finding> findings) {
        String id = element.hasAttribute("id") ? element.getAttribute("id") : nearestId;
        String tag = element.getLocalName();
        if ("scriptTask".equals(tag)) {
            findings.add(new Finding(SCRIPTS, "script task " + id, id));
            return;
        }
        if ("script".equals(tag)) {
            boolean external = attributes(element).stream().anyMatch(a -> "resource".equals(a.getLocalName()));
            findings.add(new Finding(SCRIPTS, (external ? "external script resource near " : "script near ") + id, id));
            return;
        }
        if ("connector".equals(tag)) {
            findings.add(new Finding(JAVA_CLASSES, "connector near " + id, id));
            return;
        }
        for (Attr attribute : attributes(element)) {
            String local = attribute.getLocalName();
            if ("language".equals(local) || "scriptFormat".equals(local)) {
                findings.add(new Finding(SCRIPTS, "conditionExpression".equals(tag) ? "script condition on " + id
                        : "script language " + attribute.getValue() + " on " + id, id));
            } else if ("resource".equals(local)) {
                findings.add(new Finding(SCRIPTS, "external script resource near " + id, id));
            } else if ("formKey".equals(local)) {
                findings.add(new Finding(FORMS, attribute.getName() + "=\"" + attribute.getValue() + "\" on " + id, id));
            } else if ("class".equals(local) || local.endsWith("Class")) {
                findings.add(new Finding(JAVA_CLASSES, attribute.getName() + "=\"" + attribute.getValue() + "\" on " + id, id));
            }
            expression(attribute.getValue(), id, findings);
        }
        expression(text(element), id, findings);
        for (Element child : children(element)) {
            bpmn(child, id, findings);
        }
    }

    private void dmn(Element element, String nearestId, String language, List<Finding> findings) {
        String id = element.hasAttribute("id") ? element.getAttribute("id") : nearestId;
        if (element.hasAttribute("expressionLanguage")) {
            language = element.getAttribute("expressionLanguage");
            if (!DMN_LANGUAGES.contains(language.trim().toLowerCase(Locale.ROOT))) {
                findings.add(new Finding(DMN_SCRIPTS, "expression language " + language + " on " + id, id));
            }
        }
        if ("text".equals(element.getLocalName()) && language != null && "juel".equalsIgnoreCase(language.trim())) {
            // The DMN engine evaluates a JUEL cell without ${} as if it were wrapped in one.
            String text = text(element).trim();
            expression(text.startsWith("${") || text.startsWith("#{") ? text : "${" + text + "}", id, findings);
        }
        for (Element child : children(element)) {
            dmn(child, id, language, findings);
        }
    }

    private void expression(String value, String id, List<Finding> findings) {
        if (value == null || !(value.contains("${") || value.contains("#{"))) {
            return;
        }
        List<String> violations = expressions.violations(value);
        if (!violations.isEmpty()) {
            findings.add(new Finding(EXPRESSIONS, value.strip() + " on " + id + ": " + String.join(", ", violations), id));
        }
    }

    private static void refuseIfAny(String resource, List<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        Map<String, List<String>> byRule = new LinkedHashMap<>();
        findings.forEach(f -> byRule.computeIfAbsent(f.rule(), r -> new ArrayList<>()).add(f.detail()));
        String reasons = byRule.entrySet().stream().map(e -> e.getKey() + ": " + String.join("; ", e.getValue()))
                .collect(Collectors.joining(" | "));
        throw new ParseException("部署被拒绝 (deployment refused): " + resource + " — " + reasons, resource,
                new ArrayList<>(findings), List.of());
    }

    static Document parse(byte[] bytes) throws SAXException, IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setCoalescing(true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // throw, do not print
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a secure setting", e);
        }
    }

    /** The element's own text, as the engine reads it: every text child, comments skipped. */
    private static String text(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        return text.toString();
    }

    private static List<Attr> attributes(Element element) {
        NamedNodeMap map = element.getAttributes();
        List<Attr> attributes = new ArrayList<>();
        for (int i = 0; i < map.getLength(); i++) {
            Attr attribute = (Attr) map.item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                attributes.add(attribute);
            }
        }
        return attributes;
    }

    private static List<Element> children(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }
}
