// MUST-level rules of STIX 2.1 (OASIS Standard incorporating Errata 01) found missing in a
// conformance review: each case is a valid fixture bundle with one mutation and the exact problem.

import { validateBundle } from './bundle.validator.js';
import { isLanguageTag } from './language-tags.js';
import { validateObject } from './object.validator.js';
import { IDS, objectById, validBundle } from './testing/stix-fixtures.js';
import { TLP2_MARKING_IDS } from './tlp-markings.js';

type Bundle = ReturnType<typeof validBundle>;
type Obj = Record<string, unknown>;

const at = (id: string): number => validBundle().objects.findIndex((o) => o['id'] === id);
const p = (id: string, ...tokens: Array<string | number>): string => ['', 'objects', at(id), ...tokens].join('/');

function mutated(mutate: (obj: (id: string) => Obj, bundle: Bundle) => void) {
  const bundle = validBundle();
  mutate((id) => objectById(bundle, id), bundle);
  return validateBundle(bundle);
}

const problems = (report: ReturnType<typeof validateBundle>, kind: 'errors' | 'warnings' = 'errors') =>
  report[kind].map((e) => [e.code, e.pointer]);

describe('STIX 2.1 conformance: MUST-level rules', () => {
  describe('§3.2 created / modified: millisecond precision at least', () => {
    it('refuses second and sub-millisecond-short precision (an error, as the OASIS validator and schemas have it)', () => {
      const report = mutated((o) => Object.assign(o(IDS.tool), { created: '2024-03-01T08:00:00Z', modified: '2024-03-02T09:30:00.5Z' }));
      expect(report.valid).toBe(false);
      expect(problems(report)).toEqual([
        ['STIX.TIMESTAMP_PRECISION', p(IDS.tool, 'created')],
        ['STIX.TIMESTAMP_PRECISION', p(IDS.tool, 'modified')],
      ]);
    });

    it('applies to marking definitions, not to other timestamps; more than milliseconds is fine', () => {
      const report = mutated((o) => {
        o(IDS.statementMarking)['created'] = '2024-03-01T08:00:00Z';
        o(IDS.campaign)['first_seen'] = '2024-03-01T08:00:00Z';
        o(IDS.malware)['modified'] = '2024-03-02T09:30:00.123456Z';
      });
      expect(problems(report)).toEqual([['STIX.TIMESTAMP_PRECISION', p(IDS.statementMarking, 'created')]]);
      expect(problems(report, 'warnings')).toEqual([]);
    });
  });

  describe('§7.3 extension keys: an extension-definition id or an `…-ext` name', () => {
    it('refuses Incident Core 1.0 properties given as keys of extensions', () => {
      const report = mutated((o) => {
        const extensions = o(IDS.incident)['extensions'] as Obj;
        extensions['availability'] = { availability_impact: 20 };
        extensions['monetary'] = { variety: 'asset-and-fraud', amount: 1 };
        extensions['integrity'] = { information_type: 'pii' };
      });
      expect(problems(report)).toEqual([
        ['STIX.INVALID_EXTENSION', p(IDS.incident, 'extensions', 'availability')],
        ['STIX.INVALID_EXTENSION', p(IDS.incident, 'extensions', 'monetary')],
        ['STIX.INVALID_EXTENSION', p(IDS.incident, 'extensions', 'integrity')],
      ]);
    });

    it('keeps an `…-ext` name it does not know with a warning', () => {
      const report = mutated((o) => (o(IDS.url)['extensions'] = { 'x-acme-ext': { score: 3 } }));
      expect(report.valid).toBe(true);
      expect(problems(report, 'warnings')).toEqual([['STIX.UNKNOWN_EXTENSION', p(IDS.url, 'extensions', 'x-acme-ext')]]);
    });
  });

  describe('RFC 5646 language tags (§3.2 lang, §7.1 contents, §7.2.3 granular lang)', () => {
    it.each(['en', 'de-CH', 'zh-Hant-TW', 'sr-Latn-RS', 'es-419', 'de-1996', 'en-US-x-twain', 'x-klingon', 'i-klingon', 'zh-min-nan', 'EN'])(
      'accepts %s',
      (tag) => expect(isLanguageTag(tag)).toBe(true),
    );

    it.each(['', 'english', 'en_US', 'e', 'en-', 'de--CH', 'en-US-US', 'toolonglanguage'])('refuses %j', (tag) =>
      expect(isLanguageTag(tag)).toBe(false),
    );

    it('refuses a malformed lang, granular marking lang and contents key', () => {
      const report = mutated((o) => {
        o(IDS.tool)['lang'] = 'English';
        o(IDS.attackPattern)['granular_markings'] = [{ lang: 'en_GB', selectors: ['name'] }];
        o(IDS.languageContent)['contents'] = { German: { name: 'Angriffe' } };
      });
      expect(problems(report)).toHaveLength(3);
      expect(problems(report)).toEqual(
        expect.arrayContaining([
          ['STIX.INVALID_LANGUAGE_TAG', p(IDS.attackPattern, 'granular_markings', 0, 'lang')],
          ['STIX.INVALID_LANGUAGE_TAG', p(IDS.languageContent, 'contents', 'German')],
          ['STIX.INVALID_LANGUAGE_TAG', p(IDS.tool, 'lang')],
        ]),
      );
    });

    it('keeps well-formed tags valid', () => {
      const report = mutated((o) => {
        o(IDS.tool)['lang'] = 'de-CH';
        o(IDS.languageContent)['contents'] = { 'zh-Hant': { name: '綠色集團攻擊' }, fr: { name: 'Attaques du groupe vert' } };
      });
      expect(report).toEqual({ valid: true, errors: [], warnings: [] });
    });
  });

  describe('§3.2 markings of a marking definition: no circular references', () => {
    it('refuses a marking definition marked with itself, at object and granular level', () => {
      const report = mutated((o) =>
        Object.assign(o(IDS.statementMarking), {
          object_marking_refs: [IDS.statementMarking],
          granular_markings: [{ marking_ref: IDS.statementMarking, selectors: ['definition'] }],
        }),
      );
      expect(problems(report)).toEqual([
        ['STIX.CIRCULAR_MARKING', p(IDS.statementMarking, 'object_marking_refs', 0)],
        ['STIX.CIRCULAR_MARKING', p(IDS.statementMarking, 'granular_markings', 0, 'marking_ref')],
      ]);
    });

    it('lets a marking definition carry another marking', () => {
      const report = mutated((o) => (o(IDS.statementMarking)['object_marking_refs'] = [TLP2_MARKING_IDS['TLP:GREEN']]));
      expect(report.errors).toEqual([]);
    });
  });

  describe('§3.2 defanged: SCOs only', () => {
    it('refuses defanged on an SDO, an SRO and a meta object; keeps it on an SCO', () => {
      const report = mutated((o) => {
        o(IDS.indicator)['defanged'] = true;
        o(IDS.relationship)['defanged'] = false;
        o(IDS.statementMarking)['defanged'] = true;
        o(IDS.url)['defanged'] = true;
      });
      expect(problems(report).sort()).toEqual(
        [
          ['STIX.PROPERTY_NOT_ALLOWED', p(IDS.indicator, 'defanged')],
          ['STIX.PROPERTY_NOT_ALLOWED', p(IDS.relationship, 'defanged')],
          ['STIX.PROPERTY_NOT_ALLOWED', p(IDS.statementMarking, 'defanged')],
        ].sort(),
      );
    });
  });

  describe('§2.4 / §2.14: an enum or open-vocab property is a string, a list of them a list', () => {
    it('refuses a list where one value belongs and one value where a list belongs', () => {
      const report = mutated((o) => {
        o(IDS.opinion)['opinion'] = ['agree'];
        o(IDS.identity)['identity_class'] = ['organization'];
        o(IDS.malware)['malware_types'] = 'ransomware';
        o(IDS.extensionDefinition)['extension_types'] = 'property-extension';
        o(IDS.threatActor)['roles'] = 'agent';
      });
      expect(problems(report).sort()).toEqual(
        [
          ['STIX.INVALID_PROPERTY_TYPE', p(IDS.opinion, 'opinion')],
          ['STIX.INVALID_PROPERTY_TYPE', p(IDS.identity, 'identity_class')],
          ['STIX.INVALID_PROPERTY_TYPE', p(IDS.malware, 'malware_types')],
          ['STIX.INVALID_PROPERTY_TYPE', p(IDS.extensionDefinition, 'extension_types')],
          ['STIX.INVALID_PROPERTY_TYPE', p(IDS.threatActor, 'roles')],
        ].sort(),
      );
    });
  });

  describe('§2.3 dictionary keys and §2.7 hash names', () => {
    it('refuses keys outside a–z, A–Z, 0–9, - and _, longer than 250, or hash names shorter than 3', () => {
      const sha256 = 'ceafbfd424be2ca4a5f0402cae090dda2fb0526cf521b60b60077c0f622b285a';
      const report = mutated((o) => {
        o(IDS.file)['hashes'] = { 'SHA-256': sha256, 'SHA 1': 'x', x1: 'y' };
        o(IDS.emailMessage)['additional_header_fields'] = { 'X-Mailer': 'mutt', 'Received:': 'x', ['k'.repeat(251)]: 'long' };
      });
      expect(problems(report).sort()).toEqual(
        [
          ['STIX.INVALID_DICTIONARY_KEY', p(IDS.file, 'hashes', 'SHA 1')],
          ['STIX.INVALID_DICTIONARY_KEY', p(IDS.file, 'hashes', 'x1')],
          ['STIX.INVALID_DICTIONARY_KEY', p(IDS.emailMessage, 'additional_header_fields', 'Received:')],
          ['STIX.INVALID_DICTIONARY_KEY', p(IDS.emailMessage, 'additional_header_fields', 'k'.repeat(251))],
        ].sort(),
      );
    });

    it('§2.5.1: an external reference names its hashes from hash-algorithm-ov', () => {
      const report = mutated((o) => {
        o(IDS.attackPattern)['external_references'] = [
          { source_name: 'capec', url: 'https://capec.mitre.org/data/definitions/163.html', hashes: { 'SHA-256': 'ceafbfd424be2ca4a5f0402cae090dda2fb0526cf521b60b60077c0f622b285a', x_custom_hash: 'abcd' } },
        ];
      });
      expect(problems(report)).toEqual([['STIX.INVALID_DICTIONARY_KEY', p(IDS.attackPattern, 'external_references', 0, 'hashes', 'x_custom_hash')]]);
    });
  });

  describe('§2.8 hex: pairs of 0-9 and lower-case a-f, on every _hex property', () => {
    it('refuses upper case and odd lengths, also in extensions the old rules did not check', () => {
      const report = mutated((o) => {
        o(IDS.file)['magic_number_hex'] = 'FFD8';
        o(IDS.networkTraffic)['extensions'] = { 'tcp-ext': { src_flags_hex: '002' } };
        ((o(IDS.file)['extensions'] as Obj)['windows-pebinary-ext'] as Obj)['machine_hex'] = 'zz';
      });
      expect(problems(report).sort()).toEqual(
        [
          ['STIX.INVALID_VALUE', p(IDS.file, 'magic_number_hex')],
          ['STIX.INVALID_VALUE', p(IDS.file, 'extensions', 'windows-pebinary-ext', 'machine_hex')],
          ['STIX.INVALID_VALUE', p(IDS.networkTraffic, 'extensions', 'tcp-ext', 'src_flags_hex')],
        ].sort(),
      );
    });
  });

  describe('§3.1: an _enc property needs the property it encodes', () => {
    it('refuses a file name_enc without name', () => {
      const report = mutated((o) => {
        delete o(IDS.file)['name'];
        o(IDS.file)['name_enc'] = 'windows-1252';
      });
      expect(problems(report)).toEqual([['STIX.PROPERTY_CONFLICT', p(IDS.file, 'name_enc')]]);
    });
  });

  describe('objects and extensions whose properties are all optional need at least one', () => {
    it('user-account, windows-registry-key and a registry value', () => {
      const report = mutated((o) => {
        for (const k of ['user_id', 'account_login', 'account_type']) delete o(IDS.userAccount)[k];
        o(IDS.registryKey)['values'] = [{ name: 'Foo' }, {}];
      });
      expect(problems(report)).toEqual(
        expect.arrayContaining([
          ['STIX.REQUIRED_ONE_OF', p(IDS.userAccount)],
          ['STIX.REQUIRED_ONE_OF', p(IDS.registryKey, 'values', 1)],
        ]),
      );
      const emptyKey = validateObject({ type: 'windows-registry-key', spec_version: '2.1', id: 'windows-registry-key--1e2c4d46-3f8b-4c2e-9a6f-7d8e9f0a1b2c' });
      expect(problems(emptyKey)).toEqual([['STIX.REQUIRED_ONE_OF', '']]);
    });

    it.each([
      ['ntfs-ext', IDS.file],
      ['pdf-ext', IDS.file],
      ['raster-image-ext', IDS.file],
      ['windows-process-ext', IDS.process],
      ['windows-service-ext', IDS.process],
      ['unix-account-ext', IDS.userAccount],
    ])('an empty %s', (extension, id) => {
      const report = mutated((o) => (o(id)['extensions'] = { ...(o(id)['extensions'] as Obj | undefined), [extension]: {} }));
      expect(problems(report)).toEqual([['STIX.REQUIRED_ONE_OF', p(id, 'extensions', extension)]]);
    });
  });

  describe('§2.9: an SCO with none of its (all optional) ID contributing properties has a UUIDv4 id', () => {
    it('refuses a UUIDv5 there, accepts a UUIDv4', () => {
      const account = (uuid: string) => ({ type: 'user-account', spec_version: '2.1', id: `user-account--${uuid}`, display_name: 'J. Doe' });
      expect(problems(validateObject(account('0d5b424b-93b8-5cd8-ac36-306e1789d63c')))).toEqual([['STIX.UUID_VERSION', '/id']]);
      expect(validateObject(account('0d5b424b-93b8-4cd8-ac36-306e1789d63c'))).toEqual({ valid: true, errors: [], warnings: [] });
    });
  });

  describe('what stays a recommendation', () => {
    it('kill chain names and phases in upper case or with spaces are accepted (SHOULD, §2.11)', () => {
      const report = mutated((o) => (o(IDS.attackPattern)['kill_chain_phases'] = [{ kill_chain_name: 'Mitre ATT&CK', phase_name: 'Initial_Access' }]));
      expect(report.errors).toEqual([]);
    });
  });
});
