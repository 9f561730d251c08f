package io.netrare.models.rare;

import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelPlugin;
import io.netrare.schema.spi.ModelProvider;

import java.util.Map;
import java.util.SortedMap;

/** {@code rare}: Elastic's rare by process.name, found through {@code META-INF/services}. */
public final class RarePlugin implements ModelPlugin {

    @Override
    public String type() {
        return RarityModel.TYPE;
    }

    @Override
    public ModelProvider provider(JobSpec job, Map<String, String> settings) {
        return new RarityProvider(RareModelConfig.read(settings), NormalizerConfig.defaults());
    }

    @Override
    public SortedMap<String, String> defaultSettings() {
        return RareModelConfig.defaults().toSettings();
    }
}
