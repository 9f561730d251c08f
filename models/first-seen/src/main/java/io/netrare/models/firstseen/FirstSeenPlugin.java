package io.netrare.models.firstseen;

import io.netrare.models.rare.NormalizerConfig;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelPlugin;
import io.netrare.schema.spi.ModelProvider;

import java.util.Map;
import java.util.SortedMap;

/** {@code first_seen}: a process's first network activity on a host within a history window. */
public final class FirstSeenPlugin implements ModelPlugin {

    @Override
    public String type() {
        return FirstSeenModel.TYPE;
    }

    @Override
    public ModelProvider provider(JobSpec job, Map<String, String> settings) {
        return new FirstSeenProvider(FirstSeenConfig.read(settings), NormalizerConfig.defaults());
    }

    @Override
    public SortedMap<String, String> defaultSettings() {
        return FirstSeenConfig.defaults().toSettings();
    }
}
