// Pure helpers of the client: redaction, file-name sanitising, header parsing.

import * as assert from 'node:assert/strict';
import { ApiAudioClient, REDACTED, Redactor, fileNameFromUrl, redact, sanitizeFileName } from '../../src/api';
import { parseRetryAfter, parseS3Error, parseWarnings } from '../../src/api/http';
import { MAX_LEARNED_URL_SECRETS } from '../../src/api/redact';

describe('redact', () => {
  it('removes the values of every signature, credential and token parameter, any case', () => {
    const cases: Array<[string, string]> = [
      [
        'GET https://b.s3.amazonaws.com/k.mp3?AWSAccessKeyId=ASIAXYZ&Expires=1700000000&Signature=abc%2Bdef%3D&x-amz-security-token=TOKEN%2F1',
        'GET https://b.s3.amazonaws.com/k.mp3?AWSAccessKeyId=REDACTED&Expires=1700000000&Signature=REDACTED&x-amz-security-token=REDACTED',
      ],
      [
        'https://s3/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Security-Token=tok&X-Amz-Signature=0123abcd',
        'https://s3/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=REDACTED&X-Amz-Date=20240101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Security-Token=REDACTED&X-Amz-Signature=REDACTED',
      ],
      ['?signature=lower&x-amz-signature=lower2', '?signature=REDACTED&x-amz-signature=REDACTED'],
      ['failed: "https://h/p?Signature=s1" (403)', 'failed: "https://h/p?Signature=REDACTED" (403)'],
      ['nested=https%3A%2F%2Fh%2Fp%3FSignature%3Dsecret%26Expires%3D1', 'nested=https%3A%2F%2Fh%2Fp%3FSignature%3DREDACTED%26Expires%3D1'],
      ['<AWSAccessKeyId>ASIA123</AWSAccessKeyId><StringToSign>GET\n1</StringToSign>', '<AWSAccessKeyId>REDACTED</AWSAccessKeyId><StringToSign>REDACTED</StringToSign>'],
      ['?MySignature=keep&Expires=1', '?MySignature=keep&Expires=1'],
    ];
    for (const [input, expected] of cases) {
      assert.equal(redact(input), expected, input);
    }
  });

  it('finds a secret parameter whatever character precedes it, and in double-encoded URLs', () => {
    const cases: Array<[string, string]> = [
      ['[X-Amz-Signature=s]', '[X-Amz-Signature=REDACTED]'],
      ['x,Signature=s', 'x,Signature=REDACTED'],
      ['url:Signature=s', 'url:Signature=REDACTED'],
      ['{Signature=s}', '{Signature=REDACTED}'],
      ['%253FX-Amz-Signature%253Ds%2526X-Amz-Date%253D1', '%253FX-Amz-Signature%253DREDACTED%2526X-Amz-Date%253D1'],
      ['next=https%3A%2F%2Fh%2Fk%3FX-Amz-Credential%3DAKIA%252F1%26X-Amz-Date%3D1', 'next=https%3A%2F%2Fh%2Fk%3FX-Amz-Credential%3DREDACTED%26X-Amz-Date%3D1'],
      ['?MySignature=keep&My_Signature=keep&my-Signature=keep&Signature2=keep', '?MySignature=keep&My_Signature=keep&my-Signature=keep&Signature2=keep'],
    ];
    for (const [input, expected] of cases) {
      assert.equal(redact(input), expected, input);
    }
  });

  it('removes explicitly passed secrets, plain or percent-encoded', () => {
    const key = 'k3y/with+chars-0123456789abcdef0123456789';
    assert.equal(redact(`key=${key} enc=${encodeURIComponent(key)}`, [key]), `key=${REDACTED} enc=${REDACTED}`);
  });
});

describe('Redactor', () => {
  it('removes every secret it was given, and keeps removing a key after it was replaced', () => {
    const redactor = new Redactor();
    const first = `first-key-${'a'.repeat(30)}`;
    const second = `second-key-${'b'.repeat(30)}`;
    assert.equal(redactor.redact(`x ${first} y`), `x ${first} y`, 'nothing is known yet');
    redactor.add(first);
    redactor.add(second);
    assert.equal(redactor.redact(`${first} then ${encodeURIComponent(second)}`), `${REDACTED} then ${REDACTED}`);
    assert.equal(redactor.size, 2);
  });

  it('is an object of its own: two redactors do not share secrets (no process-wide state)', () => {
    const secret = `only-in-one-${'c'.repeat(30)}`;
    const one = new Redactor([secret]);
    const other = new Redactor();
    assert.equal(one.redact(secret), REDACTED);
    assert.equal(other.redact(secret), secret);
    assert.equal(redact(secret), secret, 'the stateless function knows no secrets');
  });

  it('ignores values too short to be secrets, and trims what it is given', () => {
    const redactor = new Redactor();
    redactor.add('short');
    redactor.add(undefined);
    redactor.add(`  padded-secret-${'d'.repeat(20)} `);
    assert.equal(redactor.size, 1);
    assert.equal(redactor.redact('a short word'), 'a short word');
    assert.equal(redactor.redact(`padded-secret-${'d'.repeat(20)}`), REDACTED);
  });

  it('is what a client redacts with: the key it was built with is added to it', () => {
    const redactor = new Redactor();
    const key = `client-key-${'e'.repeat(30)}`;
    new ApiAudioClient({ apiKey: key, userAgent: 'test', redactor });
    assert.equal(redactor.redact(`key ${key}`), `key ${REDACTED}`);
  });

  it('removes a learnt URL secret wherever it appears later, and keeps only the most recent URL secrets', () => {
    const redactor = new Redactor();
    const signature = 'q8Zr/2Kd+Wm1aT0cXv9PeL4sNn3=';
    redactor.learnUrl(`https://b.s3.example.com/k/take.mp3?AWSAccessKeyId=ASIAEXAMPLE12345&Expires=1&Signature=${encodeURIComponent(signature)}`);
    assert.equal(redactor.redact(`https://h/${encodeURIComponent(signature)}-take.mp3 and ${signature}`), `https://h/${REDACTED}-take.mp3 and ${REDACTED}`);
    assert.equal(redactor.redact('key ASIAEXAMPLE12345'), `key ${REDACTED}`);
    for (let n = 0; n < MAX_LEARNED_URL_SECRETS; n++) redactor.learnUrl(`https://h/k?Signature=sig${String(n).padStart(8, '0')}`);
    assert.equal(redactor.size, MAX_LEARNED_URL_SECRETS);
    assert.equal(redactor.redact(signature), signature, 'the oldest learnt secret made room');
    assert.equal(redactor.redact(`sig${String(MAX_LEARNED_URL_SECRETS - 1).padStart(8, '0')}`), REDACTED);
  });
});

describe('sanitizeFileName', () => {
  const table: Array<[string, string]> = [
    ['song.mp3', 'song.mp3'],
    ['../../etc/passwd', '_._etc_passwd'],
    ['..\\..\\boot.ini', '_._boot.ini'],
    ['a/b\\c.wav', 'a_b_c.wav'],
    ['..', 'media'],
    ['', 'media'],
    ['   ', 'media'],
    ['...', 'media'],
    ['bell\u0007\u0000name\n.mp3', 'bell__name_.mp3'],
    ['what<>:"|?*.mp3', 'what_______.mp3'],
    ['trailing. . ', 'trailing'],
    ['.hidden.mp3', 'hidden.mp3'],
    ['CON', '_CON'],
    ['con.mp3', '_con.mp3'],
    ['Nul.tar.gz', '_Nul.tar.gz'],
    ['COM1.wav', '_COM1.wav'],
    ['lpt9', '_lpt9'],
    ['COM0.wav', 'COM0.wav'],
    ['console.mp3', 'console.mp3'],
    ['evil\u202egnp.mp3', 'evilgnp.mp3'],
    ['Über Grüße.mp3', 'Über Grüße.mp3'],
  ];
  for (const [input, expected] of table) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(sanitizeFileName(input), expected);
    });
  }

  it('caps the length in bytes and keeps the extension', () => {
    const long = `${'é'.repeat(300)}.mp3`;
    const result = sanitizeFileName(long);
    assert.ok(Buffer.byteLength(result) <= 200, String(Buffer.byteLength(result)));
    assert.ok(result.endsWith('.mp3'));
  });
});

describe('fileNameFromUrl', () => {
  it('takes the last path segment, without the query, percent-decoded', () => {
    assert.equal(fileNameFromUrl('https://b.s3.amazonaws.com/org/abc/My%20Song%20%231.mp3?Signature=x&Expires=1'), 'My Song #1.mp3');
    assert.equal(fileNameFromUrl('https://h/a/b/'), 'b');
    assert.equal(fileNameFromUrl('https://h/'), '');
    assert.equal(fileNameFromUrl('https://h/x/%E0%A4%A'), '%E0%A4%A');
    assert.equal(sanitizeFileName(fileNameFromUrl('https://h/x/..%2F..%2Fevil.sh')), '_._evil.sh');
  });
});

describe('response header parsing', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    assert.equal(parseRetryAfter('3', now), 3000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', now), 5000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  it('splits a Warning header into its quoted strings', () => {
    assert.deepEqual(parseWarnings('299 - "Deprecated API"'), ['Deprecated API']);
    assert.deepEqual(parseWarnings('299 - "a, b", 299 api.audio "c \\"d\\""'), ['a, b', 'c "d"']);
    assert.deepEqual(parseWarnings('no quotes at all'), ['no quotes at all']);
  });

  it('reads <Code> and <Message> from S3 XML without a JSON parser', () => {
    const xml = '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has &lt;expired&gt;</Message><RequestId>1</RequestId></Error>';
    assert.deepEqual(parseS3Error(xml), { code: 'AccessDenied', message: 'Request has <expired>' });
    assert.deepEqual(parseS3Error('{"message":"json"}'), { code: undefined, message: undefined });
  });
});
