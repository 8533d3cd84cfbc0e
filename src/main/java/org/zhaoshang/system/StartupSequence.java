package org.zhaoshang.system;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.zhaoshang.engine.ModelDeployer;
import org.zhaoshang.engine.TasklistFilters;
import org.zhaoshang.demo.DemoHistory;
import org.zhaoshang.identity.DemoOrganisation;
import org.zhaoshang.identity.IdentityBootstrap;

/**
 * What must be in place before the first request: the models deployed, the standard groups and the
 * administrator, in the demo profile the demo district and its past year (first start only), and the shared Tasklist filters. Runs once all beans exist and before the
 * web server starts accepting requests (Spring Boot's "started" event comes only after that), so nobody
 * can log in against a half-seeded identity store. One place, one order.
 */
@Component
class StartupSequence implements SmartInitializingSingleton {

    private final ModelDeployer modelDeployer;
    private final IdentityBootstrap identityBootstrap;
    private final ObjectProvider<DemoOrganisation> demoOrganisation;
    private final ObjectProvider<DemoHistory> demoHistory;
    private final TasklistFilters tasklistFilters;

    StartupSequence(ModelDeployer modelDeployer, IdentityBootstrap identityBootstrap,
            ObjectProvider<DemoOrganisation> demoOrganisation, ObjectProvider<DemoHistory> demoHistory, TasklistFilters tasklistFilters) {
        this.modelDeployer = modelDeployer;
        this.identityBootstrap = identityBootstrap;
        this.demoOrganisation = demoOrganisation;
        this.demoHistory = demoHistory;
        this.tasklistFilters = tasklistFilters;
    }

    @Override
    public void afterSingletonsInstantiated() {
        modelDeployer.deployModels();
        identityBootstrap.bootstrap();
        demoOrganisation.ifAvailable(DemoOrganisation::seed);
        // Moves the engine clock through the past year: only here, before anyone can log in or a job runs.
        demoHistory.ifAvailable(DemoHistory::seedIfEmpty);
        tasklistFilters.ensureFilters();
    }
}
