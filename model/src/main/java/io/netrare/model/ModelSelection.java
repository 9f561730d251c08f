package io.netrare.model;

import io.netrare.models.firstseen.FirstSeenModel;
import io.netrare.models.rare.RarityModel;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Which model implementation a job runs: {@code type: rare | first_seen}. Changing it is the whole swap. */
public record ModelSelection(String type) {

    public static final List<String> KNOWN = List.of(RarityModel.TYPE, FirstSeenModel.TYPE, io.netrare.models.peer.PeerRareModel.TYPE);

    public ModelSelection {
        requireNonNull(type, "type is null");
        if (!KNOWN.contains(type)) {
            throw new IllegalArgumentException("unknown model type '" + type + "', expected one of " + KNOWN);
        }
    }

    public static ModelSelection rare() {
        return new ModelSelection(RarityModel.TYPE);
    }
}
