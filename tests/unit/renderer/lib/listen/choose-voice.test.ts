import { describe, expect, it } from 'vitest';
import { chooseVoice, type VoiceLike } from '@renderer/lib/listen/choose-voice';

const voice = (name: string, lang: string, localService = true, isDefault = false): VoiceLike => ({
  name,
  lang,
  localService,
  default: isDefault,
});

describe('chooseVoice', () => {
  const voices = [
    voice('US English', 'en-US', true, true),
    voice('Online British', 'en-GB', false),
    voice('British', 'en-GB'),
    voice('Online French', 'fr-FR', false),
    voice('French', 'fr-CA'),
    voice('German online', 'de-DE', false),
  ];

  it('takes a local voice of the exact language and region', () => {
    expect(chooseVoice(voices, 'en-GB')!.name).toBe('British');
    expect(chooseVoice(voices, 'en_gb')!.name).toBe('British');
  });

  it('prefers a local voice of the language over an online one of the exact region', () => {
    expect(chooseVoice(voices, 'fr-FR')!.name).toBe('French');
    expect(chooseVoice(voices, 'fr')!.name).toBe('French');
  });

  it('takes an online voice only when no local voice speaks the language', () => {
    expect(chooseVoice(voices, 'de')!.name).toBe('German online');
  });

  it('falls back to the default voice without a language or a voice for it', () => {
    expect(chooseVoice(voices, undefined)!.name).toBe('US English');
    expect(chooseVoice(voices, 'ja')!.name).toBe('US English');
  });

  it('has nothing to offer without voices', () => {
    expect(chooseVoice([], 'en')).toBeUndefined();
  });
});
