-- cairn:lint-ignore drop nothing has read old_loans since 2024
DROP TABLE old_loans;
