// Unsaved editors and what the language features show in them, for the code-insight suites
// (api.audio media IDs and AudioStack file IDs).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './helpers';

const EXTENSIONS: Record<string, string> = { python: 'py', javascript: 'js', typescript: 'ts', json: 'json', yaml: 'yaml', plaintext: 'txt' };
let untitledCount = 0;

/**
 * An unsaved editor with `content` (every test works on unsaved documents). Each gets a
 * name of its own: a reused "Untitled-N" could still be the previous test's document.
 */
export async function openEditor(content: string, language: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `/code-insight-${++untitledCount}.${EXTENSIONS[language]}` });
  let document = await vscode.workspace.openTextDocument(uri);
  if (document.languageId !== language) document = await vscode.languages.setTextDocumentLanguage(document, language);
  const editor = await vscode.window.showTextDocument(document);
  assert.equal(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), content)), true);
  assert.equal(document.getText(), content);
  return editor;
}

/** The position `delta` characters into the first occurrence of `text`. */
export function positionOf(document: vscode.TextDocument, text: string, delta = 0): vscode.Position {
  const index = document.getText().indexOf(text);
  assert.ok(index >= 0, `${text} is not in the document: ${JSON.stringify(document.getText())}`);
  return document.positionAt(index + delta);
}

export async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
    .join('\n');
}

/** Markdown without its backslash escapes, as a person reads it. */
export function unescaped(markdown: string): string {
  return markdown.replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1');
}

/** The command links in a hover's markdown: [command id, arguments]. */
export function commandLinks(markdown: string): Array<[string, unknown[]]> {
  return [...markdown.matchAll(/\(command:([\w.]+)\?([^ )]+)/g)].map((match) => [match[1], JSON.parse(decodeURIComponent(match[2])) as unknown[]]);
}

export function ourDiagnostics(document: vscode.TextDocument): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.source === 'api.audio');
}

/** Waits until the document's api.audio diagnostics, as text, equal `expected`. */
export async function diagnosticsBecome(document: vscode.TextDocument, expected: string[]): Promise<void> {
  const render = () => ourDiagnostics(document).map((diagnostic) => document.getText(diagnostic.range));
  await waitFor(() => JSON.stringify(render()) === JSON.stringify(expected), `diagnostics ${JSON.stringify(expected)} (now ${JSON.stringify(render())})`);
}
