// The lint rule that keeps words a person reads going through vscode.l10n.t
// (eslint-rules/l10n.mjs), on good and bad snippets, with ESLint's own RuleTester.
import * as assert from 'node:assert/strict';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { hasWords, noUnlocalizedStrings, PROJECT_CALLS } from '../../eslint-rules/l10n.mjs';

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser as never, ecmaVersion: 2022, sourceType: 'module' } });
const options = [{ calls: PROJECT_CALLS }];

const bad = (code: string, messageId: 'call' | 'assigned' | 'property' = 'call', count = 1) => ({
  code,
  options,
  errors: Array.from({ length: count }, () => ({ messageId })),
});

describe('l10n/no-unlocalized-strings', () => {
  it('counts words, not product names, codicons, punctuation or numbers', () => {
    assert.equal(hasWords('Upload failed'), true);
    assert.equal(hasWords('$(cloud-upload) api.audio'), false);
    assert.equal(hasWords('AudioStack · Media ID'), false);
    assert.equal(hasWords('…: 3/4 — 12%'), false);
    assert.equal(hasWords('Größe'), true);
    assert.equal(hasWords('a'), false);
  });

  tester.run('no-unlocalized-strings', noUnlocalizedStrings, {
    valid: [
      { code: "vscode.window.showInformationMessage(vscode.l10n.t('Uploaded {0}', name));", options },
      { code: "vscode.window.showErrorMessage(l10n.t('Failed: {0}', reason), l10n.t('Retry'));", options },
      { code: 'vscode.window.showWarningMessage(message, ...actions);', options },
      { code: 'vscode.window.showInformationMessage(`${name}: ${count}`);', options },
      { code: "vscode.window.showInformationMessage('api.audio');", options },
      { code: "vscode.window.showQuickPick(items, { placeHolder: l10n.t('Pick tags'), canPickMany: true, matchOnDescription: true });", options },
      { code: "vscode.window.showInputBox({ prompt: l10n.t('API key'), password: true, value: 'sk-placeholder-value' });", options },
      { code: "vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: l10n.t('Uploading {0}', n) }, run);", options },
      { code: 'new vscode.TreeItem(item.filename);', options },
      { code: "new vscode.TreeItem(l10n.t('Show more…'), vscode.TreeItemCollapsibleState.None);", options },
      { code: "new vscode.Diagnostic(range, l10n.t('Unknown media ID {0}', id), vscode.DiagnosticSeverity.Warning);", options },
      { code: "logger.info('Uploaded the file'); output.appendLine('Started');", options },
      { code: "item.contextValue = 'mediaItem'; config.update('downloadDirectory', dir);", options },
      { code: "const { label } = item; quickPick.placeholder = l10n.t('Pick one');", options },
      { code: "const headers = { 'content-type': 'audio/wav', accept: 'application/json' };", options },
      { code: "throw new InvalidInputError(l10n.t('The file {0} is empty.', name));", options },
      { code: "throw new ApiAudioError('network', l10n.t('No connection.')); throw new Error('unreachable: programmer error');", options },
    ],
    invalid: [
      bad("vscode.window.showInformationMessage('Uploaded the file.');"),
      bad('vscode.window.showErrorMessage(`Could not upload ${name}.`);'),
      bad("vscode.window.showWarningMessage('Delete ' + name + '?');"),
      bad("vscode.window.showWarningMessage(l10n.t('Delete {0}?', name), { modal: true }, 'Delete');"),
      bad("vscode.window.showErrorMessage(message, { modal: true, detail: 'Check the key and try again.' });"),
      bad("vscode.window.showInformationMessage(done ? 'All done' : l10n.t('Partly done'));"),
      bad("vscode.window.showQuickPick(items, { placeHolder: 'Pick the tags to filter by' });"),
      bad("vscode.window.showQuickPick(items, { title: 'Filter by Tags', placeHolder: 'Pick tags' });", 'call', 2),
      bad("vscode.window.showQuickPick(['Keep both', 'Replace'], {});", 'call', 2),
      bad("vscode.window.showInputBox({ prompt: 'Your api.audio API key', title: l10n.t('Set Key') });"),
      bad("vscode.window.showInputBox({ placeholder: 'music, intro' });"),
      bad("vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Uploading ${n} files` }, run);"),
      bad("progress.report({ message: 'Waiting for the server' });"),
      bad("new vscode.TreeItem('Show more…');"),
      bad("throw new InvalidInputError(`The file ${name} is empty.`);"),
      bad("throw new ApiAudioError('network', 'No connection to the server.');"),
      bad("return new LocalFileError('Could not write the file', path);"),
      bad("new TreeItem(`Filtered by tags: ${tags}`, vscode.TreeItemCollapsibleState.None);"),
      bad("new vscode.MarkdownString('**Tags:** none');"),
      bad("markdown.appendMarkdown('Click to try again.');"),
      bad("new vscode.Diagnostic(range, `Unknown media ID ${id}`, vscode.DiagnosticSeverity.Warning);"),
      bad("new vscode.CodeAction('Upload this file', vscode.CodeActionKind.QuickFix);"),
      bad("vscode.window.setStatusBarMessage(`Copied ${n} links`, 4000);"),
      bad("statusItem.text = '$(sync~spin) Loading media';", 'assigned'),
      bad("quickPick.placeholder = 'Type a tag';", 'assigned'),
      bad("item.tooltip = `Tag \"${tag}\"`;", 'assigned'),
      bad("notify(services, 'error', `Upload failed: ${reason}`, [{ title: 'Retry', run }]);", 'call', 2),
      bad("withCancellableProgress(`Deleting ${name}`, task);"),
      bad("const items = names.map((name) => ({ label: name, description: 'already in the library' }));", 'property'),
      bad("function action() { return { title: 'Show Log', run: () => logger.show() }; }", 'property'),
    ],
  });
});
