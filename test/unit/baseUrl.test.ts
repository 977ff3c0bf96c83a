import * as assert from 'node:assert/strict';
import { ApiAudioClient, InvalidInputError } from '../../src/api';
import { isLoopbackApiHost as isLoopbackHost, validateAssumeOrgId as checkAssumeOrgId, validateBaseUrl as checkBaseUrl } from '../../src/api/validate';
import { isKnownApiAudioServer, originOf } from '../../src/util/baseUrl';

describe('base URL policy', () => {
  it('accepts https anywhere', () => {
    assert.equal(checkBaseUrl('https://v1.api.audio'), undefined);
    assert.equal(checkBaseUrl('https://staging-v1.api.audio/'), undefined);
  });

  it('accepts plain http only for loopback hosts', () => {
    for (const ok of ['http://127.0.0.1:8080', 'http://localhost:3000', 'http://[::1]:9000', 'http://127.1.2.3']) {
      assert.equal(checkBaseUrl(ok), undefined, ok);
    }
    for (const bad of ['http://v1.api.audio', 'http://10.0.0.5', 'http://localhost.example.com']) {
      assert.match(checkBaseUrl(bad) ?? '', /use https/, bad);
    }
  });

  it('names what is wrong with other values', () => {
    assert.match(checkBaseUrl('not a url') ?? '', /not a valid URL/);
    assert.match(checkBaseUrl('ftp://example.com') ?? '', /must be an https URL, not ftp/);
    assert.match(checkBaseUrl('https://user:pw@example.com') ?? '', /user name or password/);
    assert.match(checkBaseUrl('https://v1.api.audio/?region=eu') ?? '', /must not contain a query/);
    assert.match(checkBaseUrl('https://v1.api.audio/#top') ?? '', /fragment/);
  });

  it('is the client\'s rule too: a value the settings check accepts builds a client, any other is refused with the same words', () => {
    const values = [
      'https://v1.api.audio',
      'https://v1.api.audio/v1/',
      'http://127.0.0.1:8080',
      'http://app.localhost:3000',
      'https://v1.api.audio/?region=eu',
      'https://v1.api.audio/#top',
      'http://10.0.0.5',
      'ftp://example.com',
      'https://user:pw@example.com',
      'not a url',
    ];
    for (const value of values) {
      const problem = checkBaseUrl(value);
      let thrown: unknown;
      try {
        new ApiAudioClient({ apiKey: 'k'.repeat(40), baseUrl: value, userAgent: 't' });
      } catch (error) {
        thrown = error;
      }
      if (problem === undefined) assert.equal(thrown, undefined, value);
      else assert.ok(thrown instanceof InvalidInputError && thrown.message === problem, `${value}: ${String(thrown)}`);
    }
  });

  it('recognises loopback names', () => {
    assert.equal(isLoopbackHost('LOCALHOST'), true);
    assert.equal(isLoopbackHost('app.localhost'), true);
    assert.equal(isLoopbackHost('128.0.0.1'), false);
  });
});

describe('which servers get the key without asking', () => {
  it('api.audio\'s own https hosts and loopback emulators', () => {
    for (const known of ['https://v1.api.audio', 'https://staging-v1.api.audio/', 'https://eu.v1.api.audio', 'http://127.0.0.1:8787', 'http://localhost:3000']) {
      assert.equal(isKnownApiAudioServer(known), true, known);
    }
  });

  it('asks for anything else, including look-alikes', () => {
    for (const other of ['https://api.audio.example.com', 'https://evilapi.audio.attacker.net', 'https://v1-api.audio.evil', 'http://v1.api.audio', 'https://xapi.audio', 'not a url']) {
      assert.equal(isKnownApiAudioServer(other), false, other);
    }
  });

  it('remembers a confirmation per origin (scheme, host, port), not per path', () => {
    assert.equal(originOf('https://api.example.test/v1/'), 'https://api.example.test');
    assert.notEqual(originOf('https://api.example.test:8443'), originOf('https://api.example.test'));
  });
});

describe('assumeOrgId check (the settings\' and the client\'s)', () => {
  it('refuses line breaks and control characters before anything is sent', () => {
    assert.match(checkAssumeOrgId('org-1\r\nx-api-key: stolen') ?? '', /line break or control character/);
    assert.match(checkAssumeOrgId('org\u0000') ?? '', /control character/);
    assert.match(checkAssumeOrgId('o'.repeat(201)) ?? '', /too long/);
  });

  it('accepts an ordinary organisation id or none', () => {
    assert.equal(checkAssumeOrgId(undefined), undefined);
    assert.equal(checkAssumeOrgId('child-org-42'), undefined);
  });
});
