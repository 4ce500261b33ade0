package dev.nightshift.build;

/** One named step of a project's build: it does its one part of the order and says whether the build goes on. */
interface BuildStep {

    StepResult run(BuildContext build);
}
