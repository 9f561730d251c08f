package io.netrare.models.example;

import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelPlugin;
import io.netrare.schema.spi.ModelProvider;

import java.util.Map;
import java.util.SortedMap;

/** Listed in {@code META-INF/services/io.netrare.schema.spi.ModelPlugin}: how the services find {@code first_ever}. */
public final class FirstEverPlugin implements ModelPlugin {

    @Override
    public String type() {
        return FirstEverModel.TYPE;
    }

    @Override
    public ModelProvider provider(JobSpec job, Map<String, String> settings) {
        return new FirstEverProvider(FirstEverConfig.read(settings));
    }

    @Override
    public SortedMap<String, String> defaultSettings() {
        return FirstEverConfig.defaults().toSettings();
    }
}
