package dev.nightshift.pr;

import dev.nightshift.config.PrSettings;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The host for a project's {@code pr.host}. */
@Component
public class PullRequestHosts {

    private final Map<PrSettings.Host, PullRequestHost> hosts = new EnumMap<>(PrSettings.Host.class);

    public PullRequestHosts(List<PullRequestHost> all) {
        all.forEach(h -> hosts.put(h.kind(), h));
    }

    public PullRequestHost forKind(PrSettings.Host kind) {
        PullRequestHost host = hosts.get(kind);
        if (host == null) {
            throw new IllegalStateException("pull request host " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " is not available in this version");
        }
        return host;
    }
}
