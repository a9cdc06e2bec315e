package casegrid.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a deployment from Modeler may be ({@code casegrid.deployment.*}). The shipped models are a few
 * dozen kilobytes; the limits keep a designer's mistake or a hostile upload out of the engine's tables.
 */
@ConfigurationProperties("casegrid.deployment")
public record DeploymentLimits(@DefaultValue("2MB") DataSize maxResourceSize, @DefaultValue("10MB") DataSize maxDeploymentSize) {
}
