-- Tests base's run counted as failed or in error: a run that exits 0 with failed tests is red all the same.
ALTER TABLE base_test_counts ADD COLUMN tests_failed INT;
