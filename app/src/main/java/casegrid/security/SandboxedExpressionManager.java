package casegrid.security;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.impl.el.VariableContextElResolver;
import org.camunda.bpm.engine.impl.el.VariableScopeElResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ArrayELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.BeanELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.FunctionMapper;
import org.camunda.bpm.impl.juel.jakarta.el.ListELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MapELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.PropertyNotWritableException;

/**
 * The engine's JUEL with what {@link ModelApiCatalog} publishes and nothing more. It replaces the Spring
 * Boot starter's SpringExpressionManager, whose resolvers hand every Spring bean to a model and let it call any
 * method of any object ({@code execution.getProcessEngineServices()}, {@code ''.getClass().forName(..)}).
 * BPMN (process models) and DMN tables in JUEL both evaluate through it.
 *
 * <p>The deployment check refuses what it can see in a model's text; this is the second line for what it cannot:
 * a method called on a variable's value or on what a published method returned.
 */
public class SandboxedExpressionManager extends JuelExpressionManager {

    private final ModelApiCatalog catalog;

    public SandboxedExpressionManager(ModelApiCatalog catalog) {
        super(null);
        this.catalog = catalog;
    }

    @Override
    protected ELResolver createElResolver() {
        CompositeELResolver resolvers = new CompositeELResolver();
        resolvers.add(new VariableScopeElResolver());
        resolvers.add(new VariableContextElResolver());
        resolvers.add(new PublishedBeans(catalog));
        resolvers.add(new ArrayELResolver(true));
        resolvers.add(new ListELResolver(true));
        resolvers.add(new MapELResolver(true));
        resolvers.add(new PublishedMembers(catalog));
        return resolvers;
    }

    /** Only Camunda's own functions; plugins (Spin's S, JSON, XML) may register more, models do not get them. */
    @Override
    protected FunctionMapper createFunctionMapper() {
        FunctionMapper registered = super.createFunctionMapper();
        return new FunctionMapper() {
            @Override
            public java.lang.reflect.Method resolveFunction(String prefix, String localName) {
                boolean published = (prefix == null || prefix.isBlank()) && ModelApiCatalog.FUNCTIONS.contains(localName);
                return published ? registered.resolveFunction(prefix, localName) : null;
            }
        };
    }

    static ELException refused(String what) {
        return new ELException("casegrid 的模型表达式不能使用 " + what + " (not published for models; see docs/deploying-models.md)");
    }

    /** Top-level names after the variables: published beans and delegates; any other bean is refused by name. */
    static class PublishedBeans extends ReadOnlyResolver {

        private final ModelApiCatalog catalog;

        PublishedBeans(ModelApiCatalog catalog) {
            this.catalog = catalog;
        }

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (base != null || !(property instanceof String name)) {
                return null;
            }
            var bean = catalog.bean(name);
            if (bean.isPresent()) {
                context.setPropertyResolved(true);
                return bean.get();
            }
            if (catalog.isInternalBean(name)) {
                throw refused("Bean " + name);
            }
            return null; // an unknown variable: the engine reports it as such
        }
    }

    /** Every member of every object not resolved before (maps, lists and arrays are): published or refused. */
    static class PublishedMembers extends ReadOnlyResolver {

        private final ModelApiCatalog catalog;
        private final BeanELResolver reflection = new BeanELResolver(true);

        PublishedMembers(ModelApiCatalog catalog) {
            this.catalog = catalog;
        }

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (base == null) {
                return null;
            }
            String name = String.valueOf(property);
            if (!catalog.readable(base, name)) {
                throw refused(describe(base) + " 的属性 " + name);
            }
            return reflection.getValue(context, base, name);
        }

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
            if (base == null) {
                return null;
            }
            String name = String.valueOf(method);
            int arity = params == null ? 0 : params.length;
            if (!catalog.callable(base, name, arity)) {
                throw refused(describe(base) + " 的方法 " + name + "()");
            }
            return reflection.invoke(context, base, name, paramTypes, params);
        }

        private static String describe(Object base) {
            return base instanceof String ? "字符串" : base.getClass().getSimpleName();
        }
    }

    /** Models never write through an expression. */
    abstract static class ReadOnlyResolver extends ELResolver {

        @Override
        public Class<?> getType(ELContext context, Object base, Object property) {
            return null;
        }

        @Override
        public void setValue(ELContext context, Object base, Object property, Object value) {
            if (base != null) {
                throw new PropertyNotWritableException("models do not write through expressions");
            }
        }

        @Override
        public boolean isReadOnly(ELContext context, Object base, Object property) {
            return true;
        }

        @Override
        public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
            return null;
        }

        @Override
        public Class<?> getCommonPropertyType(ELContext context, Object base) {
            return null;
        }
    }
}
