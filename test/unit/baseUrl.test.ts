import * as assert from 'node:assert/strict';
import { checkAssumeOrgId, checkBaseUrl, isKnownApiAudioServer, isLoopbackHost, originOf } from '../../src/util/baseUrl';

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

describe('assumeOrgId check', () => {
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
