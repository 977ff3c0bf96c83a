// Where the keyboard goes after Delete (src/tree/keepPlace.ts): as in the Explorer.
import * as assert from 'node:assert/strict';
import { rowAfterRemoval } from '../../src/tree/keepPlace';

const rows = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
const after = (...deleted: string[]) => rowAfterRemoval(rows, (row) => deleted.includes(row.id))?.id;

describe('The row that takes a deleted row\'s place', () => {
  it('is the next row, or the one before when the deleted row was last', () => {
    assert.equal(after('b'), 'c');
    assert.equal(after('e'), 'd');
    assert.equal(after('a'), 'b');
  });

  it('follows the last of several deleted rows, skipping deleted ones, and looks back when none follows', () => {
    assert.equal(after('b', 'd'), 'e');
    assert.equal(after('b', 'c'), 'd');
    assert.equal(after('c', 'e'), 'd', 'between two deleted rows: the one after the first that is left, after the last');
    assert.equal(after('d', 'e'), 'c');
  });

  it('is none when every row went, or none of them did', () => {
    assert.equal(after('a', 'b', 'c', 'd', 'e'), undefined);
    assert.equal(after(), undefined);
    assert.equal(after('x'), undefined);
  });
});
