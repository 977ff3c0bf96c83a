// Audio fixtures made in code, so no binaries live in git. Both formats are minimal but
// valid enough for VS Code's media preview (and any player) to open.

const WAV_SAMPLE_RATE = 44_100;

/** A 44.1 kHz, 16-bit, mono PCM WAV holding a sine tone with short fades (no clicks). */
export function makeWavTone(frequencyHz: number, durationMs: number, amplitude = 0.3): Buffer {
  const sampleCount = Math.max(0, Math.round((WAV_SAMPLE_RATE * durationMs) / 1000));
  const dataBytes = sampleCount * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(WAV_SAMPLE_RATE, 24);
  wav.writeUInt32LE(WAV_SAMPLE_RATE * 2, 28); // byte rate
  wav.writeUInt16LE(2, 32); // block align
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  const fadeSamples = Math.min(Math.round(WAV_SAMPLE_RATE * 0.005), Math.floor(sampleCount / 2));
  for (let i = 0; i < sampleCount; i++) {
    const fadeIn = fadeSamples > 0 ? Math.min(1, i / fadeSamples) : 1;
    const fadeOut = fadeSamples > 0 ? Math.min(1, (sampleCount - 1 - i) / fadeSamples) : 1;
    const value = Math.sin((2 * Math.PI * frequencyHz * i) / WAV_SAMPLE_RATE) * amplitude * fadeIn * fadeOut;
    wav.writeInt16LE(Math.round(value * 32_767), 44 + i * 2);
  }
  return wav;
}

/**
 * MPEG-1 Layer III frame header: sync, no CRC, 128 kbps, 44.1 kHz, no padding, joint
 * stereo. Frame length = 144 * 128000 / 44100 = 417 bytes. An all-zero side info and
 * main data decode as silence.
 */
const MP3_FRAME_HEADER = [0xff, 0xfb, 0x90, 0x64] as const;
export const MP3_FRAME_BYTES = 417;
/** One frame holds 1152 samples: about 26 ms at 44.1 kHz. */
export const MP3_FRAME_SECONDS = 1152 / 44_100;

/** `frameCount` silent MPEG-1 Layer III frames back to back. */
export function makeSilentMp3(frameCount: number): Buffer {
  const mp3 = Buffer.alloc(MP3_FRAME_BYTES * Math.max(0, frameCount));
  for (let offset = 0; offset < mp3.length; offset += MP3_FRAME_BYTES) {
    mp3.set(MP3_FRAME_HEADER, offset);
  }
  return mp3;
}

/** The Content-Type S3 would hold for a seeded/added file, judged by its extension. */
export function contentTypeFor(filename: string): string {
  return /\.wav$/i.test(filename) ? 'audio/wav' : 'audio/mpeg';
}

/** Small default bytes for a file added without content: a tone or a few silent frames. */
export function defaultBytesFor(filename: string): Buffer {
  return /\.wav$/i.test(filename) ? makeWavTone(440, 200) : makeSilentMp3(4);
}
