package dev.nightshift.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code nightshift spec}: commands on spec files; {@code spec new} is the one so far. */
@Command(name = "spec", mixinStandardHelpOptions = true, description = "Work with spec files.",
        subcommands = {SpecNewCommand.class})
class SpecCommand implements Runnable {

    @ParentCommand
    NightshiftCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a spec command, e.g. nightshift spec new PROJECT \"title\"");
    }
}
