import * as assert from 'node:assert/strict';
import { checkBaseUrl, isLoopbackHost } from '../../src/util/baseUrl';

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
