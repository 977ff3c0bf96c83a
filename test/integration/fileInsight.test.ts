// AudioStack file IDs in a Python editor: hover, completion, the unknown-ID warning and its
// quick fixes, for a file the Files view has loaded, for one it has not (the one lookup),
// and for an ID AudioStack does not have (the warning only once the lookup answered 404).
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { SEED, filesSeedFileId } from '../emulator';
import { commandLinks, diagnosticsBecome, hoverText, openEditor, ourDiagnostics, positionOf, unescaped } from './editorHelpers';
import { messages, setSetting, useSeededExtension, waitFor } from './helpers';
import { showFilesViewForEachTest } from './filesHelpers';

const JINGLE = filesSeedFileId('jingle.mp3');
/** An unsaved Python editor with `content`. */
const openPython = (content: string): Promise<vscode.TextEditor> => openEditor(content, 'python');

describe('AudioStack file IDs in editors', function () {
  const t = useSeededExtension();
  const fileLookups = (fileId: string) => t.emulator.control.requests.filter((request) => request.method === 'GET' && request.path === `/files/${fileId}`).length;
  const lookup = () => {
    const cache = t.hooks.language.model.lookup;
    assert.ok(cache, 'the language features have no AudioStack lookup');
    return cache;
  };

  /** A file in a folder of its own that no test opens (a folder remembered as expanded is listed when drawn). */
  let THEME_SONG = '';
  before(() => {
    const folderId = t.emulator.control.files.addFolder({ folderName: 'Archive' });
    THEME_SONG = t.emulator.control.files.addFile({ fileName: 'theme-song.mp3', folderId });
  });

  showFilesViewForEachTest(t);
  describe('a file the Files view has loaded', () => {
    it('hovers with its name, folder, size, duration and status, and working Play and Copy File ID links, without a request', async () => {
      const { document } = await openPython(`import audiostack\nfile = audiostack.Files.get(file_id="${JINGLE}")\n`);
      const text = await hoverText(document, positionOf(document, JINGLE, 5));
      assert.match(unescaped(text), /\*\*jingle\.mp3\*\* · AudioStack file `[0-9a-f-]{36}`/);
      assert.match(unescaped(text), /\| Folder \| \/ \|/);
      assert.match(unescaped(text), /\| Size \| [\d.]+ kB \|/);
      assert.match(unescaped(text), /\| Duration \| [\d.]+ sec \|/);
      assert.match(unescaped(text), /\| Status \| uploaded: ready to play and download \|/);
      const links = commandLinks(text);
      assert.deepEqual(
        links.map(([command]) => command),
        ['apiAudio.files.open', 'apiAudio.files.download', 'apiAudio.files.copyFileId'],
      );
      assert.equal(fileLookups(JINGLE), 0, 'a loaded file needs no lookup');

      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand('apiAudio.files.copyFileId', ...links[2][1]);
      assert.equal(await vscode.env.clipboard.readText(), JINGLE);

      const [uri] = (await vscode.commands.executeCommand<vscode.Uri[]>('apiAudio.files.open', ...links[0][1])) ?? [];
      assert.ok(uri, 'Play opened nothing');
      await waitFor(() => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return input instanceof vscode.TabInputCustom && input.viewType === 'vscode.audioPreview' && input.uri.toString() === uri.toString();
      }, 'the audio preview');
    });

    it('completes file IDs inside file_id="…" by file name and folder, and inserts the ID', async () => {
      const editor = await openPython('audiostack.Files.get(file_id="")\n');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, positionOf(editor.document, '""', 1));
      const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
      const jingle = list.items.find((item) => (typeof item.label === 'string' ? item.label : item.label.label) === 'jingle.mp3');
      assert.ok(jingle, `no jingle.mp3 in ${labels.join(', ')}`);
      assert.equal(jingle.insertText, JINGLE);
      assert.match(typeof jingle.label === 'string' ? '' : (jingle.label.description ?? ''), /AudioStack \//);
      // api.audio (v1) media are not offered where an AudioStack file ID goes.
      assert.equal(labels.some((label) => SEED.some((seed) => label.startsWith(seed.filename))), false, labels.join(', '));

      await editor.insertSnippet(new vscode.SnippetString(String(jingle.insertText)), jingle.range as vscode.Range);
      assert.equal(editor.document.getText(), `audiostack.Files.get(file_id="${JINGLE}")\n`);
      await diagnosticsBecome(editor.document, []);
    });
  });

  describe('a file that is not loaded', () => {
    it('is looked up once (not per edit), then hovers with its folder and is not warned about', async () => {
      assert.equal(
        t.hooks.services.files.browser.loadedFiles().some((file) => file.fileId === THEME_SONG),
        false,
        'theme-song.mp3 (in Archive) is not loaded',
      );
      const editor = await openPython(`file = audiostack.Files.get(file_id="${THEME_SONG}")\n`);
      // Edits elsewhere in the document while the lookup waits.
      for (const text of ['# a', 'b', 'c']) await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), text));
      await waitFor(() => {
        const result = lookup().result(THEME_SONG);
        return result !== undefined && result !== 'pending';
      }, 'the lookup of theme-song.mp3');
      assert.equal(fileLookups(THEME_SONG), 1);

      const text = unescaped(await hoverText(editor.document, positionOf(editor.document, THEME_SONG, 3)));
      assert.match(text, /\*\*theme-song\.mp3\*\* · AudioStack file/);
      assert.match(text, /\| Folder \| Archive \|/);
      assert.equal(fileLookups(THEME_SONG), 1, 'the hover used the kept answer');
      assert.deepEqual(ourDiagnostics(editor.document), []);
    });

    it('a mediaFiles value known to either service is not warned about', async () => {
      const v1 = SEED.find((seed) => seed.filename === 'podcast-theme.mp3')!.mediaId;
      const { document } = await openPython(`audiostack.Script.create(scriptText="x", mediaFiles=[{"bed": "${v1}", "theme": "${THEME_SONG}"}])\n`);
      await waitFor(() => {
        const result = lookup().result(THEME_SONG);
        return result !== undefined && result !== 'pending';
      }, 'the lookup of theme-song.mp3');
      assert.deepEqual(
        ourDiagnostics(document).map((diagnostic) => diagnostic.message),
        [],
      );
      assert.equal(fileLookups(v1), 0, 'a v1 media ID is never looked up on AudioStack');
    });
  });

  describe('an unknown ID', () => {
    it('is warned about only after the lookup answered 404, with Replace and Refresh quick fixes', async () => {
      // One character away from jingle.mp3's ID: a typo the quick fix can repair.
      const typo = `${JINGLE.slice(0, -1)}${JINGLE.endsWith('0') ? '1' : '0'}`;
      t.emulator.control.setLatency(1_500);
      const editor = await openPython(`file = audiostack.Files.get(file_id="${typo}")\n`);
      await waitFor(() => fileLookups(typo) === 1, 'the lookup of the typo');
      // The request is in flight: no answer, no warning.
      assert.deepEqual(ourDiagnostics(editor.document), []);
      await diagnosticsBecome(editor.document, [typo]);
      t.emulator.control.setLatency(0);
      const [diagnostic] = ourDiagnostics(editor.document);
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(diagnostic.message, `No AudioStack file with ID "${typo}".`);
      assert.equal(fileLookups(typo), 1);

      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range);
      const titles = actions.map((action) => action.title);
      assert.ok(titles.includes('Refresh AudioStack Files and Look Up Again'), titles.join(', '));
      assert.equal(titles.includes('Look Up Media by ID'), false, 'not an api.audio (v1) position');
      const replace = actions.find((action) => action.title === `Replace with jingle.mp3 (${JINGLE})`);
      assert.ok(replace?.edit, `no Replace action in ${titles.join(', ')}`);
      assert.equal(await vscode.workspace.applyEdit(replace.edit), true);
      assert.equal(editor.document.getText(), `file = audiostack.Files.get(file_id="${JINGLE}")\n`);
      await diagnosticsBecome(editor.document, []);
    });

    it('a mediaFiles UUID neither service has is warned about naming both, after the lookup', async () => {
      const missing = randomUUID();
      const { document } = await openPython(`audiostack.Script.create(scriptText="x", mediaFiles=[{"bed": "${missing}"}])\n`);
      await diagnosticsBecome(document, [missing]);
      assert.equal(fileLookups(missing), 1);
      const [diagnostic] = ourDiagnostics(document);
      assert.match(diagnostic.message, /No media with ID ".*" in the organisation's api\.audio library, and no AudioStack file with that ID\./);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
      const titles = actions.map((action) => action.title);
      assert.ok(titles.includes('Look Up Media by ID') && titles.includes('Refresh AudioStack Files and Look Up Again'), titles.join(', '));
    });
  });

  describe('a Files address the person has not confirmed', () => {
    it('never asks the trust question nor sends a lookup: no hover, no warning', async () => {
      // The api.audio Media view is shown: the Files view does not list (and ask) either.
      await vscode.commands.executeCommand('apiAudio.showApiAudioMedia');
      await setSetting('filesBaseUrl', 'https://audiostack.example.invalid');
      const missing = randomUUID();
      const { document } = await openPython(`audiostack.Files.get(file_id="${missing}")\n`);
      assert.equal(await hoverText(document, positionOf(document, missing, 2)), '');
      const settled = await waitFor(() => {
        const result = lookup().result(missing);
        return result !== undefined && result !== 'pending' ? result : undefined;
      }, 'the lookup to settle');
      assert.deepEqual(messages(t.human.showWarningMessage), [], 'no question about sending the key');
      assert.deepEqual(settled, { kind: 'unavailable' });
      assert.deepEqual(ourDiagnostics(document), []);
      assert.equal(fileLookups(missing), 0);
    });
  });
});
