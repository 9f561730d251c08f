package io.netrare.model;

import io.netrare.models.firstseen.FirstSeenModel;
import io.netrare.models.rare.RarityModel;
import io.netrare.schema.spi.JobSpec;
import io.netrare.schema.spi.ModelPlugin;
import io.netrare.schema.spi.ModelProvider;

import java.util.Map;

/** The model implementations this module ships, as {@link ModelPlugin}s the services load by type. */
public final class BuiltInModelPlugins {

    private BuiltInModelPlugins() {
    }

    private abstract static class Plugin implements ModelPlugin {
        @Override
        public ModelProvider provider(JobSpec job, Map<String, String> settings) {
            return ModelModules.provider(ModelSettings.jobConfig(job, type(), settings));
        }
    }

    /** {@code rare}: Elastic's rare by process.name. */
    public static final class Rare extends Plugin {
        @Override
        public String type() {
            return RarityModel.TYPE;
        }
    }

    /** {@code peer_rare}: rare on the host and within its peer group, expected at a stable cadence. */
    public static final class PeerRare extends Plugin {
        @Override
        public String type() {
            return io.netrare.models.peer.PeerRareModel.TYPE;
        }
    }

    /** {@code first_seen}: a process's first network activity on a host within a history window. */
    public static final class FirstSeen extends Plugin {
        @Override
        public String type() {
            return FirstSeenModel.TYPE;
        }
    }
}
