-- 007_check_rules.sql — the rules `aidcube check` added for checks an
-- analyst can trust on real reports (check/check.h): per-unit (a count per
-- unit times the units), headline (a headline figure against the body),
-- rate (one exchange rate per currency pair in one source) and peg (a
-- restatement at a fixed parity); and every figure a finding compares is
-- named with its span, "doc:line:span", as extract's span column gives it.
--
-- Idempotent as the others: applied once (schema_version), and every
-- statement is also safe to run again.

SET LOCAL client_min_messages = warning;

ALTER TABLE finding DROP CONSTRAINT IF EXISTS finding_rule_check;
ALTER TABLE finding ADD CONSTRAINT finding_rule_check
    CHECK (rule IN ('sum', 'per-unit', 'share', 'shares100', 'headline', 'fund-rule', 'rate',
                    'peg', 'date', 'agree', 'impossible', 'total-row'));
COMMENT ON COLUMN finding.rule IS 'The rule: sum, per-unit, share, shares100, headline, fund-rule, rate, peg, date, agree, impossible, total-row (check/check.h)';
COMMENT ON COLUMN v_findings.rule IS 'The rule: sum, per-unit, share, shares100, headline, fund-rule, rate, peg, date, agree, impossible, total-row (check/check.h)';
COMMENT ON COLUMN finding.lines IS 'Every figure involved: "doc:line:span ...", the span as extract prints it (the byte span in the decoded text, or a sheet''s cell)';
COMMENT ON COLUMN v_findings.lines IS 'Every figure involved: "doc:line:span ...", the span as extract prints it (the byte span in the decoded text, or a sheet''s cell)';
