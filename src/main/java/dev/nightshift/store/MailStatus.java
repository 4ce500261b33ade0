package dev.nightshift.store;

/** Where a report email is. */
public enum MailStatus {
    /** In reports/outbox/, waiting for a working SMTP server. */
    QUEUED,
    /** Delivered to the SMTP server; the .eml left the outbox. */
    SENT,
    /** Its .eml vanished from the outbox before it was sent (removed by hand): nothing left to send. */
    LOST
}
