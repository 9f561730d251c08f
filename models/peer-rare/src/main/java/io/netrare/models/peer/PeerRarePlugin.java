package io.netrare.models.peer;

import io.netrare.models.rare.NormalizerConfig;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelPlugin;
import io.netrare.schema.spi.ModelProvider;
import java.util.Map;
import java.util.SortedMap;

/** {@code peer_rare}: rare on the host and within its peer group, expected at a stable cadence. */
public final class PeerRarePlugin implements ModelPlugin {

    @Override
    public String type() {
        return PeerRareModel.TYPE;
    }

    @Override
    public ModelProvider provider(JobSpec job, Map<String, String> settings) {
        return new PeerRareProvider(PeerRareConfig.read(settings), NormalizerConfig.defaults());
    }

    @Override
    public SortedMap<String, String> defaultSettings() {
        return PeerRareConfig.defaults().toSettings();
    }
}
