// Where media IDs sit in Python, JavaScript/TypeScript, JSON, YAML and plain text.
import * as assert from 'node:assert/strict';
import {
  analyzeDocument,
  contextAt,
  languageKindOf,
  mediaFilesEntries,
  mediaIdValues,
  placeholderAt,
  valueAt,
  type LanguageKind,
} from '../../src/language/documentAnalysis';

/** `role key=value` for every value in a media-ID position, in document order. */
function idPositions(text: string, language: LanguageKind): string[] {
  return analyzeDocument(text, language)
    .values.filter((value) => value.role !== 'other')
    .map((value) => `${value.role}${value.key && value.role === 'mediaFiles' ? ` ${value.key}` : ''}=${value.value}`);
}

/** Every value's range must cover exactly its text (for literal values without escapes). */
function assertRangesMatch(text: string, language: LanguageKind): void {
  for (const value of analyzeDocument(text, language).values) {
    if (!value.value.includes('\\') && !/\\|''/.test(text.slice(value.start, value.end)) && value.terminated) {
      assert.equal(text.slice(value.start, value.end), value.value, `range of ${JSON.stringify(value.value)}`);
    }
  }
}

/** The context at the `|` in `marked` (the bar removed). */
function contextAtBar(marked: string, language: LanguageKind) {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'no | in the text');
  return contextAt(marked.slice(0, offset) + marked.slice(offset + 1), language, offset);
}

describe('language: media ID positions', () => {
  it('maps VS Code language ids to the syntaxes it knows', () => {
    assert.equal(languageKindOf('python'), 'python');
    assert.equal(languageKindOf('typescriptreact'), 'js');
    assert.equal(languageKindOf('jsonc'), 'json');
    assert.equal(languageKindOf('yaml'), 'yaml');
    assert.equal(languageKindOf('plaintext'), 'text');
    assert.equal(languageKindOf('markdown'), undefined);
    assert.equal(languageKindOf('constructor'), undefined);
  });

  describe('Python', () => {
    it('finds mediaId keyword arguments with either quote', () => {
      const text = `import apiaudio\napiaudio.Media.download(mediaId="a788990d", destination=".")\napiaudio.Media.get(mediaId='b1234567')\n`;
      assert.deepEqual(idPositions(text, 'python'), ['mediaId=a788990d', 'mediaId=b1234567']);
      assertRangesMatch(text, 'python');
    });

    it('finds mediaFiles entries in a list of dicts, over several lines, and in a dict', () => {
      const text = [
        'script = apiaudio.Script.create(',
        '    scriptText="<<media::bed>> Hello",',
        '    mediaFiles=[',
        '        {"bed": "a788990d"},',
        "        {'sting': 'c0ffee00', \"vox\": \"d00d1e00\"},",
        '    ],',
        ')',
        'other = {"mediaFiles": {"intro": "e1e1e1e1"}}',
      ].join('\n');
      assert.deepEqual(idPositions(text, 'python'), ['mediaFiles bed=a788990d', 'mediaFiles sting=c0ffee00', 'mediaFiles vox=d00d1e00', 'mediaFiles intro=e1e1e1e1']);
      assert.deepEqual([...mediaFilesEntries(analyzeDocument(text, 'python'))], [
        ['bed', 'a788990d'],
        ['sting', 'c0ffee00'],
        ['vox', 'd00d1e00'],
        ['intro', 'e1e1e1e1'],
      ]);
    });

    it('accepts dict(name="id") entries and plain assignments', () => {
      const text = 'mediaFiles = [dict(bed="a788990d")]\nmediaId = "b1234567"\n';
      assert.deepEqual(idPositions(text, 'python'), ['mediaFiles bed=a788990d', 'mediaId=b1234567']);
    });

    it('ignores comments, other keys, comparisons and nested values under another key', () => {
      const text = [
        '# mediaId="commented"',
        'x = call(mediaId)  # mediaId="also commented"',
        'if mediaId == "not-an-assignment": pass',
        'y = {"name": "voice", "mediaFiles": [{"bed": {"nested": "deep"}}]}',
        'z = f(other="q", tags=["mediaId"])',
        'w = [{"bed": "not-in-media-files"}]',
      ].join('\n');
      assert.deepEqual(idPositions(text, 'python'), []);
    });

    it('reads escaped quotes, raw strings and prefixes, and triple-quoted strings', () => {
      const text = [
        'a(mediaId="ab\\"cd")',
        "b(mediaId=r'raw\\id')",
        'c(mediaId=u"uni")',
        'd(mediaId="""tri\nple""")',
        "e(mediaId='it\\'s')",
      ].join('\n');
      assert.deepEqual(idPositions(text, 'python'), ['mediaId=ab"cd', 'mediaId=raw\\id', 'mediaId=uni', 'mediaId=tri\nple', "mediaId=it's"]);
      const first = analyzeDocument(text, 'python').values.find((value) => value.role === 'mediaId')!;
      assert.equal(text.slice(first.start, first.end), 'ab\\"cd');
    });

    it('does not let a quote inside a comment or another string start a string', () => {
      const text = `s = "it's # not a comment"  # don't "stop"\nmedia(mediaId="a788990d")`;
      assert.deepEqual(idPositions(text, 'python'), ['mediaId=a788990d']);
      assert.ok(analyzeDocument(text, 'python').values.some((value) => value.value === "it's # not a comment"));
    });

    it('marks f-strings with fields as dynamic, but not doubled braces', () => {
      const values = analyzeDocument('a(mediaId=f"{prefix}-1")\nb(mediaId=f"{{literal}}")\nc(mediaId="{{template}}")', 'python').values;
      assert.deepEqual(
        values.filter((value) => value.role === 'mediaId').map((value) => value.dynamic),
        [true, false, true],
      );
      assert.deepEqual(mediaIdValues(analyzeDocument('a(mediaId=f"{prefix}")', 'python')), []);
    });

    it('handles a string still being typed (unsaved, unterminated) without losing the following lines', () => {
      const text = 'apiaudio.Media.download(mediaId="a78\nx = get(mediaId="b1234567")\n';
      const values = analyzeDocument(text, 'python').values.filter((value) => value.role === 'mediaId');
      assert.deepEqual(
        values.map((value) => [value.value, value.terminated]),
        [
          ['a78', false],
          ['b1234567', true],
        ],
      );
      assert.deepEqual(
        mediaIdValues(analyzeDocument(text, 'python')).map((value) => value.value),
        ['b1234567'],
      );
    });
  });

  describe('JavaScript and TypeScript', () => {
    it('finds mediaId in object literals with bare, quoted and computed-free keys', () => {
      const text = [
        'await apiaudio.Media.download({ mediaId: "a788990d" });',
        "const opts = { 'mediaId': 'b1234567' };",
        'const o2 = { "mediaId": `c0ffee00` };',
        'let mediaId = "d00d1e00";',
        'config.mediaId = "e1e1e1e1";',
      ].join('\n');
      assert.deepEqual(idPositions(text, 'js'), ['mediaId=a788990d', 'mediaId=b1234567', 'mediaId=c0ffee00', 'mediaId=d00d1e00', 'mediaId=e1e1e1e1']);
      assertRangesMatch(text, 'js');
    });

    it('finds mediaFiles entries and skips TypeScript types, comments and regexes', () => {
      const text = [
        'interface Opts { mediaId: string } // mediaId: "comment"',
        '/* mediaFiles: [{ bed: "commented" }] */',
        'const re = /mediaId: "x"/g;',
        'const script = await Script.create({',
        '  scriptText: "<<media::bed>>",',
        '  mediaFiles: [{ bed: "a788990d" }, { "vox": \'d00d1e00\' }],',
        '});',
        'const ratio = a / b; const s = "after division";',
      ].join('\n');
      assert.deepEqual(idPositions(text, 'js'), ['mediaFiles bed=a788990d', 'mediaFiles vox=d00d1e00']);
      assert.ok(analyzeDocument(text, 'js').values.some((value) => value.value === 'after division'));
    });

    it('reads escaped quotes and treats template literals with ${} as dynamic', () => {
      const values = analyzeDocument('f({ mediaId: "a\\"b" }); g({ mediaId: `${id}` }); h({ mediaId: `x\\`y` });', 'js').values.filter(
        (value) => value.role === 'mediaId',
      );
      assert.deepEqual(
        values.map((value) => [value.value, value.dynamic]),
        [
          ['a"b', false],
          ['${id}', true],
          ['x`y', false],
        ],
      );
    });

    it('does not take a ternary or a comparison for a key', () => {
      assert.deepEqual(idPositions('if (mediaId === "x") {}\nconst y = mediaId !== "z";', 'js'), []);
    });
  });

  describe('JSON', () => {
    it('finds mediaId and mediaFiles in nested objects, and tolerates comments (jsonc)', () => {
      const text = [
        '{',
        '  // a comment with "mediaId": "nope"',
        '  "download": { "mediaId": "a788990d" },',
        '  "script": {',
        '    "mediaFiles": [ { "bed": "b1234567" }, { "vox": "c0ffee00" } ],',
        '    "mediaIds": ["d00d1e00"]',
        '  }',
        '}',
      ].join('\n');
      assert.deepEqual(idPositions(text, 'json'), ['mediaId=a788990d', 'mediaFiles bed=b1234567', 'mediaFiles vox=c0ffee00']);
      assertRangesMatch(text, 'json');
    });

    it('handles escaped quotes and keys equal to "mediaId" used as values', () => {
      const text = '{"a": "mediaId", "mediaId": "x\\"y", "list": ["mediaId", "z"]}';
      assert.deepEqual(idPositions(text, 'json'), ['mediaId=x"y']);
    });
  });

  describe('YAML', () => {
    it('finds plain, single- and double-quoted mediaId values', () => {
      const text = "download:\n  mediaId: a788990d\nother:\n  mediaId: 'b1234567'  # a comment\nthird: {mediaId: \"c0ffee00\"}\n";
      assert.deepEqual(idPositions(text, 'yaml'), ['mediaId=a788990d', 'mediaId=b1234567', 'mediaId=c0ffee00']);
      assertRangesMatch(text, 'yaml');
    });

    it('finds mediaFiles entries in block lists, block maps and flow collections', () => {
      const text = [
        'script:',
        '  scriptText: "<<media::bed>> Hello"',
        '  mediaFiles:',
        '    - bed: a788990d',
        '    - vox: "b1234567"',
        '      sting: c0ffee00',
        '  voice: Joanna',
        'mastering:',
        '  mediaFiles:',
        '  - intro: d00d1e00',
        'flow:',
        '  mediaFiles: [{outro: e1e1e1e1}, {"x": \'f0f0f0f0\'}]',
        'map:',
        '  mediaFiles:',
        '    theme: 12345678',
        'after: 99999999',
      ].join('\n');
      assert.deepEqual(idPositions(text, 'yaml'), [
        'mediaFiles bed=a788990d',
        'mediaFiles vox=b1234567',
        'mediaFiles sting=c0ffee00',
        'mediaFiles intro=d00d1e00',
        'mediaFiles outro=e1e1e1e1',
        "mediaFiles x=f0f0f0f0",
        'mediaFiles theme=12345678',
      ]);
    });

    it('skips comments, block scalars and anchors, and unescapes quotes', () => {
      const text = [
        '# mediaId: commented',
        'description: |',
        '  mediaId: inside-a-block-scalar',
        '  more text',
        'a: &anchor',
        '  mediaId: "esc\\"aped"',
        'b:',
        "  mediaId: 'it''s'",
        'c: text # mediaId: trailing comment',
      ].join('\n');
      assert.deepEqual(idPositions(text, 'yaml'), ['mediaId=esc"aped', "mediaId=it's"]);
    });

    it('keeps a URL or a time with colons as one plain value', () => {
      const values = analyzeDocument('url: http://x.example/a:b\nmediaId: ab:cd', 'yaml').values.map((value) => value.value);
      assert.deepEqual(values, ['url', 'http://x.example/a:b', 'mediaId', 'ab:cd']);
    });
  });

  describe('plain text', () => {
    it('treats every word as a candidate and `mediaId:` / `mediaId=` as ID positions on the same line', () => {
      const text = 'Notes: the bed is a788990d.\nmediaId: b1234567\nmediaId="c0ffee00"\nmediaId:\nnext-line\n';
      const analysis = analyzeDocument(text, 'text');
      assert.deepEqual(idPositions(text, 'text'), ['mediaId=b1234567', 'mediaId=c0ffee00']);
      assert.equal(valueAt(analysis, text.indexOf('a788990d') + 3)?.value, 'a788990d');
    });
  });

  describe('placeholders', () => {
    it('finds <<media::name>> in any language and resolves names through the mediaFiles entries', () => {
      const text = 'create(scriptText="<<sectionName::intro>> <<media::bed>> hi <<media::vox>>", mediaFiles=[{"bed": "a788990d"}])';
      const analysis = analyzeDocument(text, 'python');
      assert.deepEqual(
        analysis.placeholders.map((placeholder) => placeholder.name),
        ['bed', 'vox'],
      );
      const bed = placeholderAt(analysis, text.indexOf('media::bed') + 3);
      assert.equal(bed?.name, 'bed');
      assert.equal(text.slice(bed!.start, bed!.end), '<<media::bed>>');
      assert.equal(mediaFilesEntries(analysis).get(bed!.name), 'a788990d');
      assert.equal(placeholderAt(analysis, text.indexOf('sectionName')), undefined);
    });
  });

  describe('value lookup', () => {
    it('finds the value under an offset, its end included, and nothing between values', () => {
      const text = 'get(mediaId="a788990d", x="y")';
      const analysis = analyzeDocument(text, 'python');
      const start = text.indexOf('a788990d');
      assert.equal(valueAt(analysis, start)?.value, 'a788990d');
      assert.equal(valueAt(analysis, start + 8)?.value, 'a788990d');
      assert.equal(valueAt(analysis, start - 1), undefined);
      assert.equal(valueAt(analysis, text.indexOf('x=')), undefined);
    });
  });

  describe('context at the cursor (completion and drop)', () => {
    it('is a mediaId position inside the quotes of mediaId="…", typed or empty, saved or not', () => {
      assert.equal(contextAtBar('apiaudio.Media.download(mediaId="|")', 'python').role, 'mediaId');
      assert.equal(contextAtBar('apiaudio.Media.download(mediaId="a7|")', 'python').value?.value, 'a7');
      assert.equal(contextAtBar('apiaudio.Media.download(mediaId="|', 'python').role, 'mediaId');
      assert.equal(contextAtBar("download({ mediaId: '|' })", 'js').role, 'mediaId');
      assert.equal(contextAtBar('{"mediaId": "|"}', 'json').role, 'mediaId');
      assert.equal(contextAtBar('x(other="|")', 'python').role, 'other');
    });

    it('is a mediaFiles position inside an entry value, and knows the key', () => {
      const context = contextAtBar('create(mediaFiles=[{"bed": "|"}])', 'python');
      assert.equal(context.role, 'mediaFiles');
      assert.equal(context.key, 'bed');
      assert.equal(contextAtBar('create({ mediaFiles: [{ bed: "a|" }] })', 'js').role, 'mediaFiles');
    });

    it('counts a bare YAML or plain-text position after mediaId: before anything is typed', () => {
      assert.equal(contextAtBar('download:\n  mediaId: |', 'yaml').role, 'mediaId');
      assert.equal(contextAtBar('download:\n  mediaId: a7|\n', 'yaml').value?.value, 'a7');
      assert.equal(contextAtBar('mediaFiles:\n  - bed: |\n', 'yaml').role, 'mediaFiles');
      assert.equal(contextAtBar('mediaId: |', 'text').role, 'mediaId');
      assert.equal(contextAtBar('mediaId:\n|', 'yaml').role, 'other');
    });

    it('tells a mediaFiles list from a mediaFiles object outside strings', () => {
      assert.equal(contextAtBar('create(mediaFiles=[|])', 'python').inMediaFiles, 'list');
      assert.equal(contextAtBar('create(mediaFiles=[\n    {"a": "b"},\n    |\n])', 'python').inMediaFiles, 'list');
      assert.equal(contextAtBar('{"mediaFiles": {|}}', 'json').inMediaFiles, 'object');
      assert.equal(contextAtBar('create(mediaFiles=[{"a": "b", |}])', 'python').inMediaFiles, 'object');
      assert.equal(contextAtBar('create(other=[|])', 'python').inMediaFiles, undefined);
      assert.equal(contextAtBar('mediaFiles:\n  |', 'yaml').inMediaFiles, 'object');
      assert.equal(contextAtBar('mediaFiles:\n  - a: b\n|', 'yaml').inMediaFiles, undefined);
    });
  });
});
