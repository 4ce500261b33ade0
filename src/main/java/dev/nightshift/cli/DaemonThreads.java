package dev.nightshift.cli;

import java.util.concurrent.Executor;

/**
 * Runs each task on a daemon thread of its own: work beside a command's main line (reading the
 * queue, migrating the schema), which never holds the JVM up once the command is done.
 */
final class DaemonThreads implements Executor {

    private final String name;

    DaemonThreads(String name) {
        this.name = name;
    }

    @Override
    public void execute(Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }
}
