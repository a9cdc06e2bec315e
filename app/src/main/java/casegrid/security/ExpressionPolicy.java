package casegrid.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * Reads a model's JUEL expression with the engine's own parser and names everything in it that
 * {@link ModelApiCatalog} does not publish, as far as the text shows it: a bean that is not published, a
 * method or property of a bean, of {@code execution} or {@code task} that is not published, a method on a value
 * that no value type publishes, a function other than Camunda's own. What depends on a value's type at run time
 * is left to {@link SandboxedExpressionManager}.
 */
public class ExpressionPolicy {

    private final ModelApiCatalog catalog;

    public ExpressionPolicy(ModelApiCatalog catalog) {
        this.catalog = catalog;
    }

    /** Why {@code expression} may not be deployed; empty when it may. */
    public List<String> violations(String expression) {
        List<String> found = new ArrayList<>();
        try {
            visit(new Builder(Builder.Feature.METHOD_INVOCATIONS).build(expression).getRoot(), found);
        } catch (TreeBuilderException e) {
            found.add("语法错误 (syntax error): " + e.getMessage());
        }
        return found;
    }

    private void visit(Node node, List<String> found) {
        if (node instanceof AstMethod call) {
            AstProperty target = (AstProperty) call.getChild(0);
            Node base = target.getChild(0);
            Optional<String> name = memberName(target);
            List<String> own = new ArrayList<>();
            if (name.isEmpty()) {
                own.add("按变量选择的方法 (a method chosen at run time)");
            }
            // Inner parts first, so that a chain reads in the order it would run.
            if (name.isEmpty() || callAllowed(base, name.get(), call.getChild(1).getCardinality(), own)) {
                visit(base, found);
                visitIndex(target, found);
            }
            visit(call.getChild(1), found);
            found.addAll(own);
            return;
        }
        if (node instanceof AstProperty read) {
            Node base = read.getChild(0);
            List<String> own = new ArrayList<>();
            if (readAllowed(base, memberName(read), own)) {
                visit(base, found);
                visitIndex(read, found);
            }
            found.addAll(own);
            return;
        }
        if (node instanceof AstFunction function && !ModelApiCatalog.FUNCTIONS.contains(function.getName())) {
            found.add("函数 " + function.getName() + "() (only now(), dateTime(), currentUser(), currentUserGroups())");
        }
        if (node instanceof AstIdentifier identifier && catalog.isInternalBean(identifier.getName())) {
            found.add("未发布的 Bean " + identifier.getName() + " (bean not published for models)");
        }
        visitChildren(node, found);
    }

    private void visitChildren(Node node, List<String> found) {
        for (int i = 0; i < node.getCardinality(); i++) {
            visit(node.getChild(i), found);
        }
    }

    private void visitIndex(AstProperty property, List<String> found) {
        if (property instanceof AstBracket) {
            visit(property.getChild(1), found);
        }
    }

    private boolean callAllowed(Node base, String method, int arity, List<String> found) {
        if (base instanceof AstIdentifier identifier) {
            String name = identifier.getName();
            if (ModelApiCatalog.CONTEXT_OBJECTS.contains(name)) {
                found.add(name + "." + method + "() (methods of " + name + " are not published)");
                return false;
            }
            switch (catalog.exposure(name)) {
                case API -> {
                    Class<?> type = catalog.apiType(name).orElseThrow();
                    if (!ModelApiCatalog.publishedOnly(type, method, arity)) {
                        found.add(name + "." + method + "() (not a published method of bean " + name + ")");
                    }
                    return true;
                }
                case DELEGATE -> {
                    found.add(name + "." + method + "() (a delegate is only named, as delegateExpression)");
                    return false;
                }
                case NONE -> {
                    if (catalog.isInternalBean(name)) {
                        found.add("未发布的 Bean " + name + " (bean not published for models)");
                        return false;
                    }
                }
            }
        }
        if (!ModelApiCatalog.VALUE_METHOD_NAMES.contains(method)) {
            found.add("方法 " + method + "() (not a published method)");
        }
        return true;
    }

    private boolean readAllowed(Node base, Optional<String> property, List<String> found) {
        if (property.isPresent() && property.get().equals("class")) {
            found.add("属性 class (class is not published)");
            return false;
        }
        if (!(base instanceof AstIdentifier identifier)) {
            return true; // a value's entry or a published getter's result: decided at evaluation
        }
        String name = identifier.getName();
        String member = property.orElse("[…]");
        if (name.equals("execution") && property.filter(ModelApiCatalog.EXECUTION_PROPERTIES::contains).isPresent()) {
            return true;
        }
        if (ModelApiCatalog.CONTEXT_OBJECTS.contains(name)) {
            found.add(name + "." + member + " (only execution.processBusinessKey is published)");
            return false;
        }
        switch (catalog.exposure(name)) {
            case API -> {
                if (property.isEmpty() || !ModelApiCatalog.publishedGetter(catalog.apiType(name).orElseThrow(), member)) {
                    found.add(name + "." + member + " (not a published property of bean " + name + ")");
                }
                return false;
            }
            case DELEGATE -> {
                found.add(name + "." + member + " (a delegate is only named, as delegateExpression)");
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    /** The member's name when the text fixes it: {@code a.b}, {@code a['b']}, {@code a[0]}. */
    private static Optional<String> memberName(AstProperty property) {
        if (property instanceof AstDot dot) {
            return Optional.of(dot.toString().substring(2)); // ". name"
        }
        Node index = property.getChild(1);
        if (index instanceof AstString || index instanceof AstNumber) {
            return Optional.of(String.valueOf(((org.camunda.bpm.impl.juel.AstNode) index).eval(null, null)));
        }
        return Optional.empty();
    }
}
