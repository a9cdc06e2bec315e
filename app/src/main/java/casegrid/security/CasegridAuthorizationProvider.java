package casegrid.security;

import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.repository.Deployment;

/**
 * The authorizations the engine creates by itself when things are created. Camunda's default gives
 * whoever deploys ALL on the new deployment: a process designer could then cascade-delete the
 * deployment that running items use. Here deployments get no owner grant; designers keep what
 * OrgSync gives their group (DEPLOYMENT CREATE and READ), and only the administrator deletes.
 *
 * <p>Kept from the default (docs/security.md, "Authorizations"): a new user gets ALL on their own
 * user entry (to change their password); a new filter gets ALL for its owner (a user's own Tasklist
 * filter); a task's assignee, owner and candidate users and groups get the engine's default task
 * permission (TASK_WORK, set by {@link AccessGuardsPlugin}) with READ, and lose them when the link is
 * removed; a new group's members may read the group. Memberships, process instances and definitions
 * get nothing.
 */
class CasegridAuthorizationProvider extends DefaultAuthorizationProvider {

    @Override
    public AuthorizationEntity[] newDeployment(Deployment deployment) {
        return null;
    }
}
