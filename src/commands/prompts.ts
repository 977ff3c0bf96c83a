// The prompt both services' transfers share: what to do with a file that already exists.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConflictChoice } from '../api';

export type ConflictAnswer = Exclude<ConflictChoice, 'fail'>;

/** How the conflict question reads: the destroying button's word, and the question for one file (in the display language). */
export interface ConflictWords {
  /** The destroying button: Overwrite (a local file) or Replace (a file on a service); "… All" follows for several. */
  replace: 'overwrite' | 'replace';
  question: (existingPath: string) => { message: string; detail: string };
}

const DOWNLOAD_CONFLICT_WORDS: ConflictWords = {
  replace: 'overwrite',
  question: (existingPath) => ({
    message: vscode.l10n.t('{0} already exists in {1}.', path.basename(existingPath), path.dirname(existingPath)),
    detail: vscode.l10n.t('Keep Both saves the download as {0}, Skip keeps the existing file, Overwrite replaces it.', numbered(existingPath)),
  }),
};

/**
 * Asks what to do about an existing file, one modal at a time even when several downloads
 * run at once. With several files it also offers "… All"; dismissing the dialog (Cancel)
 * skips this file and every later conflict.
 */
export class ConflictResolver {
  private remembered: ConflictAnswer | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Files the person chose to skip (or skipped by Cancel), by path. */
  readonly skipped = new Set<string>();

  constructor(
    private readonly several: boolean,
    private readonly words: ConflictWords = DOWNLOAD_CONFLICT_WORDS,
  ) {}

  readonly resolve = (existingPath: string): Promise<ConflictAnswer> => {
    const answer = this.queue.then(() => this.ask(existingPath));
    this.queue = answer.catch(() => undefined);
    return answer;
  };

  private async ask(existingPath: string): Promise<ConflictAnswer> {
    const choice = this.remembered ?? (await this.prompt(existingPath));
    if (choice === 'skip') this.skipped.add(existingPath);
    return choice;
  }

  private async prompt(existingPath: string): Promise<ConflictAnswer> {
    const overwrite = this.words.replace === 'overwrite';
    const keepBoth = vscode.l10n.t('Keep Both');
    const skip = vscode.l10n.t('Skip');
    const replace = overwrite ? vscode.l10n.t('Overwrite') : vscode.l10n.t('Replace');
    const keepBothAll = vscode.l10n.t('Keep Both for All');
    const replaceAll = overwrite ? vscode.l10n.t('Overwrite All') : vscode.l10n.t('Replace All');
    // The first button is the default (Enter): one that never destroys the existing file.
    const buttons = this.several ? [keepBoth, skip, replace, keepBothAll, replaceAll] : [keepBoth, skip, replace];
    const question = this.words.question(existingPath);
    const detail = this.several
      ? vscode.l10n.t({ message: '{0} Cancel skips every file that already exists.', args: [question.detail], comment: ['{0} is what each button does, in whole sentences'] })
      : question.detail;
    const answer = await vscode.window.showWarningMessage(question.message, { modal: true, detail }, ...buttons);
    switch (answer) {
      case replace:
        return 'overwrite';
      case keepBoth:
        return 'rename';
      case skip:
        return 'skip';
      case replaceAll:
        return (this.remembered = 'overwrite');
      case keepBothAll:
        return (this.remembered = 'rename');
      default:
        return (this.remembered = 'skip');
    }
  }
}

function numbered(file: string): string {
  const ext = path.extname(file);
  return `${path.basename(file, ext)} (1)${ext}`;
}
