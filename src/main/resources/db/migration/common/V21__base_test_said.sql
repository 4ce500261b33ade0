-- What base's test run said, for the owner when it failed or counted nothing: the shell's complaint
-- (exit 126 or 127) or the run's last line. A red base gets no agent work, and this names why.
ALTER TABLE base_test_counts ADD COLUMN said VARCHAR(1000);
