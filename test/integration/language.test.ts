import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SEED } from '../emulator';
import { commandLinks, diagnosticsBecome, hoverText, openEditor, ourDiagnostics, positionOf, unescaped } from './editorHelpers';
import { messages, setSetting, useSeededExtension, waitFor } from './helpers';
import { mediaNode } from './transferHelpers';

const idOf = (filename: string) => SEED.find((seed) => seed.filename === filename)!.mediaId;
const THEME = 'podcast-theme.mp3';
const SEED_NAMES = new Set(SEED.map((seed) => seed.filename));

async function ourCompletions(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list.items.filter((item) => SEED_NAMES.has(typeof item.label === 'string' ? item.label : item.label.label));
}

async function inlayHintLabels(document: vscode.TextDocument): Promise<string[]> {
  const range = new vscode.Range(0, 0, document.lineCount, 0);
  const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, range);
  return hints.map((hint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('')));
}

describe('Media IDs in editors', function () {
  const t = useSeededExtension();
  const themeId = idOf(THEME);

  describe('hover', () => {
    it('shows the file name, tags, metadata and working command links on a media ID in Python', async () => {
      const { document } = await openEditor(`import apiaudio\napiaudio.Media.download(mediaId="${themeId}")\n`, 'python');

      const text = await hoverText(document, positionOf(document, themeId, 3));

      assert.match(unescaped(text), /\*\*podcast-theme\.mp3\*\* · api\.audio media `[0-9a-f]{8}`/);
      assert.match(unescaped(text), /Tags: `music` `intro` `outro`/);
      assert.match(unescaped(text), /\| Created \| Mar 14, 2023, 09:26 UTC \|/);
      assert.match(unescaped(text), /\| Duration \| 1\.3 sec \|/);
      const links = commandLinks(text);
      assert.deepEqual(
        links.map(([command]) => command),
        ['apiAudio.open', 'apiAudio.download', 'apiAudio.revealMedia', 'apiAudio.copyDownloadUrl'],
      );

      // Play: the link's own arguments download the file and open it in the audio preview.
      const [, playArgs] = links[0];
      const [uri] = (await vscode.commands.executeCommand<vscode.Uri[]>('apiAudio.open', ...playArgs)) ?? [];
      assert.ok(uri, 'Play opened nothing');
      // The editor reads apiaudio-media:/<mediaId>/<file> from the local copy.
      assert.ok(Buffer.from(await vscode.workspace.fs.readFile(uri)).equals(t.emulator.control.getStoredBytes(themeId)!), 'Play saved other bytes');
      await waitFor(() => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return input instanceof vscode.TabInputCustom && input.viewType === 'vscode.audioPreview' && input.uri.toString() === uri.toString();
      }, 'the audio preview');

      // Reveal in Media View selects the item in the tree.
      const [, revealArgs] = links[2];
      assert.equal(await vscode.commands.executeCommand('apiAudio.revealMedia', ...revealArgs), true);
      await waitFor(() => t.hooks.services.treeView.selection.some((node) => node.kind === 'media' && node.item.mediaId === themeId), 'the revealed item');
    });

    it('works in JavaScript, TypeScript, JSON, YAML and plain text, and on <<media::name>> placeholders', async () => {
      const ambient = idOf('ambient-bed.wav');
      const cases: Array<[string, string]> = [
        ['javascript', `await Media.download({ mediaId: '${ambient}' });`],
        ['typescript', `const files = { mediaFiles: [{ bed: \`${ambient}\` }] };`],
        ['json', `{"mediaFiles": [{"bed": "${ambient}"}]}`],
        ['yaml', `download:\n  mediaId: ${ambient}\n`],
        ['plaintext', `The bed is ${ambient}, the theme is something else.`],
      ];
      for (const [language, content] of cases) {
        const { document } = await openEditor(content, language);
        assert.match(unescaped(await hoverText(document, positionOf(document, ambient, 1))), /ambient-bed\.wav/, language);
      }
      const { document } = await openEditor(`Script.create(scriptText="<<media::bed>> Hello", mediaFiles=[{"bed": "${ambient}"}])`, 'python');
      const text = unescaped(await hoverText(document, positionOf(document, '<<media::bed>>', 4)));
      assert.match(text, /ambient-bed\.wav/);
      assert.match(text, /mediaFiles entry "bed"/);
    });

    it('shows nothing of ours on a string that is not a listed media ID', async () => {
      const { document } = await openEditor('apiaudio.Media.download(mediaId="ffffffff", other="x")', 'python');
      assert.doesNotMatch(await hoverText(document, positionOf(document, 'ffffffff', 2)), /api\.audio media/);
    });
  });

  describe('completion', () => {
    it('offers the library inside mediaId="…" and inserts the chosen ID', async () => {
      const editor = await openEditor('apiaudio.Media.download(mediaId="")\n', 'python');
      const position = positionOf(editor.document, '""', 1);

      const items = await ourCompletions(editor.document, position);

      assert.deepEqual(new Set(items.map((item) => (item.label as vscode.CompletionItemLabel).label)), SEED_NAMES);
      const theme = items.find((item) => (item.label as vscode.CompletionItemLabel).label === THEME)!;
      assert.equal(theme.insertText, themeId);
      assert.equal(theme.detail, THEME);
      assert.match((theme.label as vscode.CompletionItemLabel).description ?? '', /music, intro, outro/);
      const range = theme.range as vscode.Range;
      await editor.edit((edit) => edit.replace(range, theme.insertText as string));
      assert.equal(editor.document.lineAt(0).text, `apiaudio.Media.download(mediaId="${themeId}")`);
    });

    it('offers it in a mediaFiles entry and after a bare YAML mediaId:, replacing what is typed', async () => {
      const python = await openEditor('Script.create(mediaFiles=[{"bed": "amb"}])', 'python');
      const inEntry = await ourCompletions(python.document, positionOf(python.document, 'amb', 3));
      const ambient = inEntry.find((item) => (item.label as vscode.CompletionItemLabel).label === 'ambient-bed.wav')!;
      assert.ok(ambient, 'no completion in the mediaFiles entry');
      assert.equal(python.document.getText(ambient.range as vscode.Range), 'amb');

      const yaml = await openEditor('download:\n  mediaId: \n', 'yaml');
      assert.equal((await ourCompletions(yaml.document, new vscode.Position(1, 11))).length, SEED.length);
    });

    it('offers nothing in other strings', async () => {
      const { document } = await openEditor('print("")\nx = {"name": ""}', 'python');
      assert.deepEqual(await ourCompletions(document, positionOf(document, '""', 1)), []);
      assert.deepEqual(await ourCompletions(document, positionOf(document, ': ""', 3)), []);
    });
  });

  describe('diagnostics and quick fixes', () => {
    it('warns about an unknown ID in a mediaId position, and looks it up on api.audio from the quick fix', async () => {
      const { document } = await openEditor(`download(mediaId="ffffffff")\nfine(mediaId="${themeId}")\nprint("eeeeeeee")\n`, 'python');

      await diagnosticsBecome(document, ['ffffffff']);
      const [diagnostic] = ourDiagnostics(document);
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(diagnostic.message, /No media with ID "ffffffff"/);

      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
      const lookUp = actions.find((action) => action.title === 'Look Up Media by ID');
      assert.ok(lookUp?.command, `no Look Up action in ${actions.map((action) => action.title).join(', ')}`);
      assert.equal(actions.some((action) => action.title.startsWith('Replace with')), false, 'no file has a name close to ffffffff');
      t.emulator.control.reset();

      await vscode.commands.executeCommand(lookUp.command.command, ...(lookUp.command.arguments ?? []));

      assert.deepEqual(t.emulator.control.requests.map((request) => request.query.mediaId), ['ffffffff']);
      assert.deepEqual(messages(t.human.showWarningMessage), ['No media with ID ffffffff in this organisation.']);
      assert.equal(t.human.showInputBox.callCount, 0, 'the quick fix passes the ID: no input box');
    });

    it('offers "Replace with …" for a close file name and the edit clears the warning', async () => {
      const editor = await openEditor('{"mediaFiles": [{"theme": "podcast-theme"}]}', 'json');
      await diagnosticsBecome(editor.document, ['podcast-theme']);
      const [diagnostic] = ourDiagnostics(editor.document);

      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range);
      const replace = actions.find((action) => action.title === `Replace with ${THEME} (${themeId})`);
      assert.ok(replace?.edit, `no Replace action in ${actions.map((action) => action.title).join(', ')}`);
      assert.equal(await vscode.workspace.applyEdit(replace.edit), true);

      assert.equal(editor.document.getText(), `{"mediaFiles": [{"theme": "${themeId}"}]}`);
      await diagnosticsBecome(editor.document, []);
    });

    it('re-checks unsaved edits and open documents when the listing changes', async () => {
      const editor = await openEditor('mediaId: \n', 'yaml');
      await diagnosticsBecome(editor.document, []);
      const newId = t.emulator.control.addMedia({ filename: 'language-late.wav', tags: ['late'] });

      await editor.edit((edit) => edit.insert(new vscode.Position(0, 9), newId));
      await diagnosticsBecome(editor.document, [newId]);

      await vscode.commands.executeCommand('apiAudio.refresh');
      await diagnosticsBecome(editor.document, []);
    });

    it('is silent with the setting off, and while a tag filter hides part of the library', async () => {
      const { document } = await openEditor('download(mediaId="ffffffff")', 'python');
      await diagnosticsBecome(document, ['ffffffff']);

      await setSetting('codeInsight.diagnostics', false);
      await diagnosticsBecome(document, []);

      await setSetting('codeInsight.diagnostics', undefined);
      await diagnosticsBecome(document, ['ffffffff']);

      await t.hooks.services.library.setFilter(['music']);
      await diagnosticsBecome(document, []);
    });
  });

  describe('file-name hints', () => {
    it('are off by default; with the setting on, show the file name after each listed ID', async () => {
      const ambient = idOf('ambient-bed.wav');
      const { document } = await openEditor(
        `download(mediaId="${themeId}")\nScript.create(scriptText="<<media::bed>>", mediaFiles=[{"bed": "${ambient}"}, {"x": "ffffffff"}])\n`,
        'python',
      );
      assert.deepEqual(await inlayHintLabels(document), []);

      await setSetting('codeInsight.fileNameHints', true);

      assert.deepEqual(await inlayHintLabels(document), [THEME, 'ambient-bed.wav', 'ambient-bed.wav']);
      const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, new vscode.Range(0, 0, 1, 0));
      assert.equal(hints[0].position.character, document.lineAt(0).text.indexOf(themeId) + themeId.length + 1, 'after the closing quote');
    });
  });

  describe('drop from the Media view', () => {
    // VS Code has no command that performs a drop: the test drags with the view's own
    // controller and hands the data to the extension's drop provider, as the editor would.
    async function drop(editor: vscode.TextEditor, marker: string, filenames: string[]): Promise<string> {
      const dataTransfer = new vscode.DataTransfer();
      t.hooks.dragAndDrop.handleDrag(
        filenames.map((filename) => mediaNode(t.hooks, filename)),
        dataTransfer,
      );
      const position = positionOf(editor.document, marker);
      await editor.edit((edit) => edit.delete(new vscode.Range(position, position.translate(0, marker.length))));
      const result = await t.hooks.language.drop.provideDocumentDropEdits(editor.document, position, dataTransfer, new vscode.CancellationTokenSource().token);
      assert.ok(result, 'the drop provider offered no edit');
      const text = typeof result.insertText === 'string' ? result.insertText : result.insertText.value;
      await editor.edit((edit) => edit.insert(position, text));
      return editor.document.getText();
    }

    it('inserts a mediaFiles entry in Python and JSON code', async () => {
      const ambient = idOf('ambient-bed.wav');
      assert.equal(
        await drop(await openEditor('Script.create(mediaFiles=[|])', 'python'), '|', [THEME, 'ambient-bed.wav']),
        `Script.create(mediaFiles=[{"podcast-theme": "${themeId}", "ambient-bed": "${ambient}"}])`,
      );
      assert.equal(await drop(await openEditor('{"mediaFiles": [|]}', 'json'), '|', [THEME]), `{"mediaFiles": [{"podcast-theme": "${themeId}"}]}`);
      assert.equal(
        await drop(await openEditor('create(mediaFiles=[{"a": "b", |}])', 'python'), '|', [THEME]),
        `create(mediaFiles=[{"a": "b", "podcast-theme": "${themeId}"}])`,
      );
    });

    it('inserts the bare ID inside a string and in YAML, a quoted one after mediaId= and in JavaScript', async () => {
      assert.equal(await drop(await openEditor('download(mediaId="|")', 'python'), '|', [THEME]), `download(mediaId="${themeId}")`);
      assert.equal(await drop(await openEditor('download(mediaId=|)', 'python'), '|', [THEME]), `download(mediaId="${themeId}")`);
      assert.equal(await drop(await openEditor('mediaId: |', 'yaml'), '|', [THEME]), `mediaId: ${themeId}`);
      assert.equal(await drop(await openEditor('const ids = [|];', 'javascript'), '|', [THEME]), `const ids = ["${themeId}"];`);
    });

    it('reads the nodes as JSON too (how the workbench may hand a tree drag to an editor)', async () => {
      const editor = await openEditor('download(mediaId="")', 'python');
      const dataTransfer = new vscode.DataTransfer();
      dataTransfer.set('application/vnd.code.tree.apiaudio.media', new vscode.DataTransferItem(JSON.stringify([mediaNode(t.hooks, THEME)])));
      const result = await t.hooks.language.drop.provideDocumentDropEdits(editor.document, positionOf(editor.document, '""', 1), dataTransfer, new vscode.CancellationTokenSource().token);
      assert.equal(result?.insertText, themeId);
    });

    it('offers nothing for a drag that is not from the Media view', async () => {
      const editor = await openEditor('x = 1', 'python');
      const dataTransfer = new vscode.DataTransfer();
      dataTransfer.set('text/plain', new vscode.DataTransferItem('hello'));
      const result = await t.hooks.language.drop.provideDocumentDropEdits(editor.document, new vscode.Position(0, 0), dataTransfer, new vscode.CancellationTokenSource().token);
      assert.equal(result, undefined);
    });
  });
});

describe('Media IDs in editors without an API key', function () {
  const t = useSeededExtension(null);

  it('shows no hover, completion, warning or hint', async () => {
    assert.equal(t.hooks.services.library.state.kind, 'noKey');
    await setSetting('codeInsight.fileNameHints', true);
    const themeId = idOf(THEME);
    const { document } = await openEditor(`download(mediaId="${themeId}")\ndownload(mediaId="ffffffff")\ndownload(mediaId="")`, 'python');

    assert.doesNotMatch(await hoverText(document, positionOf(document, themeId, 2)), /api\.audio media/);
    assert.deepEqual(await ourCompletions(document, positionOf(document, '""', 1)), []);
    assert.deepEqual(await inlayHintLabels(document), []);
    // Checked now (update is synchronous): without a key nothing is flagged, not even later.
    t.hooks.language.diagnostics.update(document);
    assert.deepEqual(ourDiagnostics(document), []);
  });
});
