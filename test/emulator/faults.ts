// Fault injection state. Each fault is consumed only by a request it matches.
import type { ApiHostileKind, HostileOptions, HostileRule, ObjectHostileKind } from './hostile';

export interface FailRule {
  remaining: number;
  status: number;
  path?: string | RegExp;
  /** Only requests with this method (any when absent). */
  method?: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface DropRule {
  remaining: number;
  afterBytes: number;
  method?: 'GET' | 'PUT';
  /** After the drop, the object dropped is replaced by these bytes (a new version). */
  replaceWith?: Buffer;
  /** Instead of dropping, fall silent and hold the connection open until the client leaves. */
  hold?: boolean;
}

export interface ShortRule {
  remaining: number;
  /** The object is served as if it were only its first this many bytes. */
  bytes: number;
  /** Send the cut body chunked, without Content-Length (nothing announced up front). */
  chunked?: boolean;
}

export class Faults {
  latencyMs = 0;
  bytesPerSecond: number | null = null;
  private failRules: FailRule[] = [];
  private dropRules: DropRule[] = [];
  private shortRules: ShortRule[] = [];
  private special: Array<{ kind: 'html' | 'truncated-json'; remaining: number }> = [];
  private apiHostile: HostileRule[] = [];
  private objectHostile: HostileRule[] = [];
  /** Download links still to hand out with their signature in the object's path too. */
  private signatureInPath = 0;
  /** Presigned links still to mint with `user:password@` in their address. */
  private userInfoLinks: Array<{ remaining: number; userInfo: string }> = [];
  /** File GETs still to answer with a redirect whose address carries `user:password@`. */
  private userInfoRedirects: Array<{ remaining: number; userInfo: string }> = [];

  reset(): void {
    this.userInfoLinks = [];
    this.userInfoRedirects = [];
    this.signatureInPath = 0;
    this.apiHostile = [];
    this.objectHostile = [];
    this.latencyMs = 0;
    this.bytesPerSecond = null;
    this.failRules = [];
    this.dropRules = [];
    this.shortRules = [];
    this.special = [];
  }

  addFail(rule: FailRule): void {
    if (rule.remaining > 0) this.failRules.push(rule);
  }

  addDrop(rule: DropRule): void {
    if (rule.remaining > 0) this.dropRules.push(rule);
  }

  addShort(rule: ShortRule): void {
    if (rule.remaining > 0) this.shortRules.push(rule);
  }

  /** The next short-object rule, consumed (file GETs only); undefined when none. */
  takeShort(): ShortRule | undefined {
    const rule = this.shortRules[0];
    return rule ? consume(this.shortRules, rule) : undefined;
  }

  addSpecial(kind: 'html' | 'truncated-json', count: number): void {
    if (count > 0) this.special.push({ kind, remaining: count });
  }

  /** The first fail rule matching this request, consumed; undefined when none. */
  takeFail(method: string, pathname: string, pathAndQuery: string): FailRule | undefined {
    const rule = this.failRules.find((r) => (r.method === undefined || r.method === method) && pathMatches(r.path, pathname, pathAndQuery));
    return rule ? consume(this.failRules, rule) : undefined;
  }

  takeDrop(method: string): DropRule | undefined {
    const rule = this.dropRules.find((r) => r.method === undefined || r.method === method);
    return rule ? consume(this.dropRules, rule) : undefined;
  }

  addHostile(kind: ApiHostileKind | ObjectHostileKind, count: number, options: HostileOptions, scope: 'api' | 'object'): void {
    if (count > 0) (scope === 'api' ? this.apiHostile : this.objectHostile).push({ kind, remaining: count, options });
  }

  takeHostile(scope: 'api' | 'object'): HostileRule | undefined {
    const list = scope === 'api' ? this.apiHostile : this.objectHostile;
    return list[0] ? consume(list, list[0]) : undefined;
  }

  addSignatureInPath(count: number): void {
    this.signatureInPath += Math.max(0, count);
  }

  takeSignatureInPath(): boolean {
    if (this.signatureInPath <= 0) return false;
    this.signatureInPath--;
    return true;
  }

  addUserInfo(where: 'links' | 'redirects', count: number, userInfo: string): void {
    if (count > 0) (where === 'links' ? this.userInfoLinks : this.userInfoRedirects).push({ remaining: count, userInfo });
  }

  /** `user:password` for the next link or storage redirect, consumed; undefined when none is due. */
  takeUserInfo(where: 'links' | 'redirects'): string | undefined {
    const list = where === 'links' ? this.userInfoLinks : this.userInfoRedirects;
    return list[0] ? consume(list, list[0]).userInfo : undefined;
  }

  takeSpecial(): 'html' | 'truncated-json' | undefined {
    const next = this.special[0];
    return next ? consume(this.special, next).kind : undefined;
  }
}

function consume<T extends { remaining: number }>(list: T[], rule: T): T {
  rule.remaining--;
  if (rule.remaining <= 0) list.splice(list.indexOf(rule), 1);
  return rule;
}

/**
 * A string matches the path exactly, trailing slashes ignored. A RegExp is tried on the
 * path and on path+query, so `/target=download/` can single out download listings.
 */
function pathMatches(filter: string | RegExp | undefined, pathname: string, pathAndQuery: string): boolean {
  if (filter === undefined) return true;
  if (typeof filter === 'string') return stripSlash(filter) === stripSlash(pathname);
  filter.lastIndex = 0;
  if (filter.test(pathname)) return true;
  filter.lastIndex = 0;
  return filter.test(pathAndQuery);
}

function stripSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}
