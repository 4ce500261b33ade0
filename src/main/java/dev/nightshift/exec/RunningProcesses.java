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

    void started(long pid, String marker, Runnable onKill) {
        running.put(pid, new Running(pid, marker, onKill));
    }

    void ended(long pid) {
        running.remove(pid);
    }

    public int count() {
        return running.size();
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
