-- Rule segments (issue 15): a segment may be a rule re-evaluated whenever it is used
-- instead of a saved list. `rule` holds the rule as versioned JSON
-- (`kunde_analytics::segment_rule::Rule::encode`); NULL for a saved list. A rule segment has
-- no `segment_customers` rows.
ALTER TABLE segments ADD COLUMN rule TEXT;
