-- 011_share_change.sql — a growth rate is a share of kind change (issue 17,
-- point 5).
--
-- "Une hausse de 43 %", "an increase of 12 per cent": a share a phrase of
-- change governs is no part of any whole.  aidcube gives it the money kind
-- change (kind_key 7, dim_kind 'change'), so that neither the cube (no
-- amount derived from it) nor the checks (no share of a total, no chart
-- summing to 100 %) use it.  A share takes no other kind; a count none.

ALTER TABLE fact DROP CONSTRAINT IF EXISTS fact_kind_amount;
ALTER TABLE fact ADD CONSTRAINT fact_kind_amount
    CHECK (kind_key = 0 OR measure = 'amount' OR (measure = 'share' AND kind_key = 7));
COMMENT ON COLUMN fact.kind_key IS 'The money kind of an amount (dim_kind); 0 when the words do not say and for counts; a share is 0, or 7 (change) for a growth rate';
