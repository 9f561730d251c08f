package io.netrare.model;

import io.netrare.models.firstseen.FirstSeenModel;
import io.netrare.models.rare.RarityModel;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.Stage;
import io.netrare.schema.spi.ModelProvider;

/** Picks a model's Guice module by its configured type: the only place that knows every implementation. */
public final class ModelModules {

    private ModelModules() {
    }

    /** The module of a model type, with default settings. */
    public static Module forType(String type) {
        return forConfig(JobConfig.anchorDefault().withModel(new ModelSelection(type)));
    }

    /** The module of the model the config selects, with the config's settings. */
    public static Module forConfig(JobConfig config) {
        return switch (config.model().type()) {
            case RarityModel.TYPE -> new RareModelModule(config);
            case FirstSeenModel.TYPE -> new FirstSeenModelModule(config);
            case io.netrare.models.peer.PeerRareModel.TYPE -> new io.netrare.model.peer.PeerRareModelModule(config);
            default -> throw new IllegalArgumentException("unknown model type " + config.model().type());
        };
    }

    /** The provider the config selects, through its module, as a service's injector would load it. */
    public static ModelProvider provider(JobConfig config) {
        return Guice.createInjector(Stage.PRODUCTION, binder -> {
            binder.requireExplicitBindings();
            binder.install(forConfig(config));
        }).getInstance(ModelProvider.class);
    }
}
