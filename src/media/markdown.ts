// Markdown helpers for what a person reads about an item of either service.

/** `text` as inline code: a backtick inside would end the span early, so it becomes `'`. */
export function codeSpan(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/[\r\n]+/g, ' ')}\``;
}
