package dev.nightshift.exec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The external commands alive right now, so that a phase that hits its deadline, or a daemon told
 * to stop, can end them all with their trees.
 */
@Component
public class RunningProcesses {

    /** A started command: its process and the marker value it carries. */
    record Running(long pid, String marker, Runnable onKill) {
    }

    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    void started(long pid, String marker, Runnable onKill) {
        running.put(pid, new Running(pid, marker, onKill));
    }

    void ended(long pid) {
        running.remove(pid);
    }

    public int count() {
        return running.size();
    }

    /**
     * nightshift was told to stop (SIGTERM): every command running now dies with its tree, and
     * from now on no agent starts (commands that keep work, such as a git commit, still may).
     */
    public int stopAll() {
        stopping = true;
        return killAll();
    }

    public boolean stopping() {
        return stopping;
    }

    /** Ends every running command and its tree; each one's result is then reported as timed out. */
    public int killAll() {
        int killed = 0;
        for (Running r : running.values()) {
            r.onKill().run();
            killed += ProcessTree.kill(r.pid(), r.marker());
        }
        return killed;
    }
}
