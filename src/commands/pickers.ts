// What every find picker shares (Find Media, Find in AudioStack Files).
/**
 * A find picker's items, built in slices that yield to the event loop, so a large listing
 * never blocks the extension host (Find Media, Find in AudioStack Files). Given to
 * showQuickPick as a promise, the picker opens at once (busy) and keeps what is typed.
 */
export async function picksInSlices<T, P>(entries: readonly T[], toPick: (entry: T) => P, sliceSize = 10_000): Promise<P[]> {
  const picks: P[] = new Array(entries.length);
  for (let start = 0; start < entries.length; start += sliceSize) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    const end = Math.min(entries.length, start + sliceSize);
    for (let i = start; i < end; i++) picks[i] = toPick(entries[i]);
  }
  return picks;
}
