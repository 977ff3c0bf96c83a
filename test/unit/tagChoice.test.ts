import * as assert from 'node:assert/strict';
import { quotedList, TagChoice } from '../../src/commands/apiaudio/tagChoice';

const tags = (choice: TagChoice) => choice.rows().map((row) => row.tag);

describe('The tag picker’s choice', () => {
  it('keeps what a person types as one tag, whatever pauses there were: Enter adds exactly the typed text', () => {
    const choice = new TagChoice([]);
    choice.addExisting(['background', 'music']);
    // Every prefix a person passes through while typing leaves the rows and checks alone.
    for (let end = 1; end <= 'podcast'.length; end++) {
      assert.deepEqual(choice.typed('podcast'.slice(0, end)), ['podcast'.slice(0, end)]);
      assert.deepEqual(tags(choice), ['background', 'music']);
    }
    assert.deepEqual(choice.accept('podcast'), ['podcast']);
  });

  it('never checks an existing tag the person did not pick, even when the typed text starts like it', () => {
    const choice = new TagChoice([]);
    choice.addExisting(['background', 'bigfile-archive']);
    assert.deepEqual(choice.accept('b'), ['b']);
    assert.deepEqual(choice.accept('bigfiles'), ['bigfiles']);
    assert.deepEqual(choice.accept('  background '), ['background']);
  });

  it('only ever appends rows, so a selection reported by position names the tags it named before', () => {
    const choice = new TagChoice(['voice']);
    const before = tags(choice);
    choice.addExisting(['zebra', 'alpha', 'voice']);
    assert.deepEqual(tags(choice).slice(0, before.length), before);
    choice.addExisting(['beta']);
    assert.deepEqual(tags(choice), ['voice', 'alpha', 'zebra', 'beta']);
  });

  it('marks tags the organisation does not have as new', () => {
    const choice = new TagChoice(['preset', 'music']);
    choice.addExisting(['music', 'voice']);
    assert.deepEqual(choice.rows(), [
      { tag: 'preset', isNew: true },
      { tag: 'music', isNew: false },
      { tag: 'voice', isNew: false },
    ]);
  });

  it('starts with the preset checked and applies exactly the rows the picker reports checked', () => {
    const choice = new TagChoice(['outro', ' outro ', '']);
    choice.addExisting(['music', 'voice']);
    assert.deepEqual(choice.accept(''), ['outro']);
    choice.select(['voice', 'music', 'not-a-row']);
    assert.deepEqual(choice.accept(''), ['music', 'voice']);
    choice.select([]);
    assert.deepEqual(choice.accept(''), []);
  });

  it('adds several typed tags when commas separate them, after the checked rows', () => {
    const choice = new TagChoice([]);
    choice.addExisting(['music']);
    choice.select(['music']);
    assert.deepEqual(choice.accept('intro, podcast ,, intro'), ['music', 'intro', 'podcast']);
    assert.deepEqual(choice.accept('music, outro'), ['music', 'outro'], 'typing a checked tag adds it once');
    assert.deepEqual(tags(choice), ['music'], 'typed text never becomes a row');
  });

  it('reads commas as separators and drops empty parts', () => {
    const choice = new TagChoice([]);
    assert.deepEqual(choice.typed('a,b , a,'), ['a', 'b']);
    assert.deepEqual(choice.typed(' , '), []);
    assert.deepEqual(choice.typed(''), []);
  });

  it('names what Enter adds in a readable list, as the display language lists', () => {
    assert.equal(quotedList([], 'en'), '');
    assert.equal(quotedList(['a'], 'en'), '“a”');
    assert.equal(quotedList(['a', 'b'], 'en'), '“a” and “b”');
    assert.equal(quotedList(['a', 'b', 'c'], 'en'), '“a”, “b”, and “c”');
    assert.equal(quotedList(['a', 'b', 'c'], 'de'), '“a”, “b” und “c”');
  });
});
