package casegrid.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Bounds what a deployed model can do, since process designers deploy without a rebuild and without a code
 * review: expressions evaluate in {@link SandboxedExpressionManager} (only what {@link ModelApiCatalog}
 * publishes), and {@link ModelPolicyDeployer} refuses at deployment every script, Java class, unpublished
 * expression, DOCTYPE and oversized resource. See docs/deploying-models.md, "What expressions may use".
 */
@Component
public class ModelPolicyPlugin extends AbstractProcessEnginePlugin {

    private final ModelApiCatalog catalog;
    private final DeploymentLimits limits;

    public ModelPolicyPlugin(ListableBeanFactory beans, DeploymentLimits limits) {
        this.catalog = new ModelApiCatalog(beans);
        this.limits = limits;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // Replaces the starter's SpringExpressionManager, set before the plugins run; the engine keeps a set one.
        configuration.setExpressionManager(new SandboxedExpressionManager(catalog));
        List<Deployer> deployers = configuration.getCustomPreDeployers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(0, new ModelPolicyDeployer(new ExpressionPolicy(catalog), limits));
        configuration.setCustomPreDeployers(deployers);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (!(configuration.getExpressionManager() instanceof SandboxedExpressionManager)) {
            throw new IllegalStateException("the process engine's expression manager was replaced after casegrid's "
                    + "sandbox was installed: " + configuration.getExpressionManager().getClass().getName());
        }
    }
}
