package dev.nightshift;

import dev.nightshift.cli.NightshiftCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * nightshift: lets an AI coding agent work through a queue of written specs while its owner
 * sleeps. The command line comes first; commands that need the database, the batch job or the
 * scheduler start the Spring context themselves.
 */
@SpringBootApplication
public class NightshiftApplication {

    public static void main(String[] args) {
        System.exit(NightshiftCommand.execute(args));
    }
}
