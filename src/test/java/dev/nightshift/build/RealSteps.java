package dev.nightshift.build;

import dev.nightshift.cli.NightshiftContext;
import dev.nightshift.config.SettingsFiles;
import dev.nightshift.order.WorkOrder;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The build's steps as nightshift wires them (real git, agent runner, gate and database), for a
 * test home with an unconfined stand-in agent; the work order is the test's own, no supervisor runs.
 */
final class RealSteps implements AutoCloseable {

    final TestHome home;
    private final ConfigurableApplicationContext context;

    private RealSteps(TestHome home, ConfigurableApplicationContext context) {
        this.home = home;
        this.context = context;
    }

    /**
     * A home in {@code dir} whose agent runs {@code agentScript}, with project {@code shop} and
     * the spec {@code 0001-feature} in next/.
     */
    static RealSteps start(Path dir, String agentScript, String settings, String spec) {
        TestHome home = TestHome.create(dir);
        Path agent = home.agent("agent.sh", agentScript);
        // Unconfined: what is judged here is the step, not the sandbox (its own tests cover it).
        home.settings("agent: {kind: generic, command: \"" + agent + "\", sandbox: none}\n" + settings);
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", spec);
        return new RealSteps(home, NightshiftContext.start(home.home(), SettingsFiles.readGlobal(home.home()),
                NightshiftContext.Purpose.BATCH));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    WorkOrder order() {
        return FakeOrders.order(home, "shop", "0001-feature");
    }

    BuildContext build(WorkOrder order) {
        return FakeOrders.context(home.home(), order, false);
    }

    /** Runs the steps in order, as the orchestrator does; the first stop is returned, else the last answer. */
    StepResult through(BuildContext build, Class<?>... steps) {
        StepResult result = StepResult.next();
        for (Class<?> step : steps) {
            result = ((BuildStep) context.getBean(step)).run(build);
            if (result.stops()) {
                return result;
            }
        }
        return result;
    }

    @Override
    public void close() {
        context.close();
    }
}
