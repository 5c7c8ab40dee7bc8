package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sluice}: the entry point; each sub-command is its own class. */
@Command(
    name = "sluice",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Streaming data pipelines on Kafka: input -> processors -> output.",
    subcommands = {DevCommand.class, CoordinatorCommand.class, WorkerCommand.class, LintCommand.class, TestCommand.class, TapCommand.class, AdminCommand.class,
      ApplyCommand.class, DiffCommand.class, GetCommand.class, DeleteCommand.class, PluginsCommand.class,
      CommandLine.HelpCommand.class})
public final class SluiceCommand {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SluiceCommand());
    cli.setExecutionExceptionHandler(new UserErrorHandler());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }
}
