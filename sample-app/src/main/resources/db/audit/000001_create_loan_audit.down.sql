DROP TRIGGER loans_audit ON loans;
DROP FUNCTION record_loan_event();
DROP TABLE loan_audit;
