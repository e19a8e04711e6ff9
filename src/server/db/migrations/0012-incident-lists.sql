-- Lists, search, map and export of incidents (issue 4, part 7), measured over 1,000,000 incidents.

-- Lists walk incidents newest first, (occurred_at DESC, id DESC) being the keyset order, and the
-- access rule asks whether an incident's owner, coalesce(unit_id, organisation_id), is among the
-- caller's organisations. With the owner in the index that test is made on index entries, so a
-- unit's manager (a few thousand of a million incidents) reads index entries instead of heap rows
-- until the page is full. An index led by the owner would serve one organisation as well, but the
-- planner then ANDs its bitmap into every full-text search of a committee (tens of thousands of
-- entries to save a few hundred heap rows), making those several times slower.
CREATE INDEX incidents_occurred_access_idx
  ON incidents (occurred_at DESC, id DESC, (coalesce(unit_id, organisation_id)));
-- The index above begins with the same keys, so this one only cost every insert.
DROP INDEX incidents_occurred_idx;

-- Full-text search on a rare word (a street, a name) must be planned as a lookup in the text index;
-- with the default statistics a word outside the ~800 most common is guessed ten times too
-- frequent, and the planner walks the whole organisation instead. ANALYZE takes a few seconds more
-- on a million incidents.
ALTER TABLE incidents ALTER COLUMN search SET STATISTICS 500;
