package org.zhaoshang.system;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.zhaoshang.engine.ModelDeployer;
import org.zhaoshang.identity.DemoOrganisation;
import org.zhaoshang.identity.IdentityBootstrap;

/**
 * What must be in place before the first request: the models deployed, the standard groups and the
 * administrator, and in the demo profile the demo district. Runs once all beans exist and before the
 * web server starts accepting requests (Spring Boot's "started" event comes only after that), so nobody
 * can log in against a half-seeded identity store. One place, one order.
 */
@Component
class StartupSequence implements SmartInitializingSingleton {

    private final ModelDeployer modelDeployer;
    private final IdentityBootstrap identityBootstrap;
    private final ObjectProvider<DemoOrganisation> demoOrganisation;

    StartupSequence(ModelDeployer modelDeployer, IdentityBootstrap identityBootstrap,
            ObjectProvider<DemoOrganisation> demoOrganisation) {
        this.modelDeployer = modelDeployer;
        this.identityBootstrap = identityBootstrap;
        this.demoOrganisation = demoOrganisation;
    }

    @Override
    public void afterSingletonsInstantiated() {
        modelDeployer.deployModels();
        identityBootstrap.bootstrap();
        demoOrganisation.ifAvailable(DemoOrganisation::seed);
    }
}
