package casegrid.security;

import java.lang.reflect.Field;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who is calling the engine, as seen by casegrid's command interceptors. A command is a caller's own
 * request only when it is the outermost one: commands that the engine or a delegate runs inside
 * another command were already judged with that command.
 */
final class EngineCaller {

    private EngineCaller() {
    }

    static boolean isOutermostCommand() {
        return Context.getCommandContext() == null;
    }

    /**
     * The logged-in user of this request, or null for the job executor and the app's own work
     * (start-up, scheduled tasks), which run without an engine authentication.
     */
    static Authentication user(ProcessEngineConfigurationImpl configuration) {
        Authentication authentication = configuration.getIdentityService().getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? null : authentication;
    }

    /** The engine's own notion of an administrator (camunda-admin, or any configured admin group or user). */
    static boolean isAdmin(ProcessEngineConfigurationImpl configuration, Authentication user) {
        if (configuration.getAdminUsers() != null && configuration.getAdminUsers().contains(user.getUserId())) {
            return true;
        }
        return user.getGroupIds() != null && configuration.getAdminGroups() != null
                && user.getGroupIds().stream().anyMatch(configuration.getAdminGroups()::contains);
    }

    /**
     * Reads a field of an engine command: the commands carry their target (task id, deployment id)
     * only in protected fields. Kept in this one place so that an engine upgrade that renames a field
     * fails loudly here, not silently in a guard.
     */
    @SuppressWarnings("unchecked")
    static <T> T field(Object command, String name) {
        for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return (T) field.get(command);
            } catch (NoSuchFieldException e) {
                // declared further up
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(command.getClass().getName() + " has no field " + name
                + ": check casegrid's guards against this engine version");
    }
}
