// Types for l10n.mjs, for the TypeScript test that runs the rule (test/unit/l10nLint.test.ts).
import type { Linter, Rule } from 'eslint';

export const L10N_LINT_FILES: string[];
export const PRODUCT_NAMES: string[];
export const OBJECT_PROPS: string[];
export const ASSIGNED: string[];
export interface CallSpec {
  args?: number[] | 'all';
  props?: string[];
  items?: boolean;
}
export const CALLS: Record<string, CallSpec>;
export const CONSTRUCTORS: Record<string, CallSpec>;
export const PROJECT_CALLS: Record<string, CallSpec>;
export function hasWords(text: string, productNames?: readonly string[]): boolean;
export const noUnlocalizedStrings: Rule.RuleModule;
export const l10nPlugin: { meta: { name: string }; rules: Record<string, Rule.RuleModule> };
export function l10nLintConfig(files?: string[]): Linter.Config;
