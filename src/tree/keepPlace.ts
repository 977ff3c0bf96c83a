// After rows are deleted the keyboard stays where they were, as in the Explorer: on the row
// that took the place of the last one deleted, or on the one before when they were last.

/**
 * The row of `rows` (siblings, in the order shown, read before the deletion) that takes the
 * place of the deleted ones: the first row left after the last deleted row, else the nearest
 * row left before it; undefined when none is left or none of `rows` was deleted.
 */
export function rowAfterRemoval<T extends { id: string }>(rows: readonly T[], deleted: (row: T) => boolean): T | undefined {
  const indices = rows.flatMap((row, index) => (deleted(row) ? [index] : []));
  if (indices.length === 0) return undefined;
  const last = indices[indices.length - 1];
  const after = rows.slice(last + 1).find((row) => !deleted(row));
  if (after) return after;
  return rows
    .slice(0, last)
    .reverse()
    .find((row) => !deleted(row));
}
