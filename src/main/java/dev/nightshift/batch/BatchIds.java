package dev.nightshift.batch;

import dev.nightshift.config.Home;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Predicate;

/** The id of a new batch: yyyyMMdd-HHmmss of its start in local time; two batches never share one. */
final class BatchIds {

    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private BatchIds() {
    }

    /** @param taken whether the database already holds a batch of that id */
    static String next(Clock clock, Home home, Predicate<String> taken) throws InterruptedException {
        while (true) {
            String id = ID.format(LocalDateTime.now(clock));
            if (!taken.test(id) && !Files.exists(home.batchReports(id))) {
                return id;
            }
            // Two batches in one second: wait for the next second rather than invent another format.
            Thread.sleep(1000 - (System.currentTimeMillis() % 1000) + 5);
        }
    }
}
