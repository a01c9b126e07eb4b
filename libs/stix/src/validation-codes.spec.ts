// One case per problem code at least: a valid fixture bundle, one mutation, the exact problem.

import { validateBundle } from './bundle.validator.js';
import { INCIDENT_CORE_EXTENSION_ID } from './incident-core.js';
import { validateObject } from './object.validator.js';
import { STIX_CODES } from './problems.js';
import { IDS, objectById, validBundle } from './testing/stix-fixtures.js';
import { TLP1_MARKING_IDS, TLP2_EXTENSION_ID, TLP2_MARKING_IDS } from './tlp-markings.js';

type Bundle = ReturnType<typeof validBundle>;
type Obj = Record<string, unknown>;

interface Case {
  name: string;
  code: string;
  severity?: 'error' | 'warning';
  pointer: string;
  mutate: (bundle: Bundle, at: (id: string) => Obj) => void;
}

const indexOf = (id: string): number => validBundle().objects.findIndex((o) => o['id'] === id);
const p = (id: string, ...tokens: Array<string | number>): string => ['', 'objects', indexOf(id), ...tokens].join('/');

const cases: Case[] = [
  { name: 'bundle is not an object', code: 'STIX.NOT_AN_OBJECT', pointer: p(IDS.note), mutate: (b) => (b.objects[indexOf(IDS.note)] = [] as never) },
  { name: 'identity without name', code: 'STIX.REQUIRED_PROPERTY', pointer: p(IDS.identity, 'name'), mutate: (_, at) => delete at(IDS.identity)['name'] },
  { name: 'SDO without created', code: 'STIX.REQUIRED_PROPERTY', pointer: p(IDS.tool, 'created'), mutate: (_, at) => delete at(IDS.tool)['created'] },
  { name: 'indicator without pattern', code: 'STIX.REQUIRED_PROPERTY', pointer: p(IDS.indicator, 'pattern'), mutate: (_, at) => delete at(IDS.indicator)['pattern'] },
  { name: 'relationship without target_ref', code: 'STIX.REQUIRED_PROPERTY', pointer: p(IDS.relationship, 'target_ref'), mutate: (_, at) => delete at(IDS.relationship)['target_ref'] },
  { name: 'sighting without sighting_of_ref', code: 'STIX.REQUIRED_PROPERTY', pointer: p(IDS.sighting, 'sighting_of_ref'), mutate: (_, at) => delete at(IDS.sighting)['sighting_of_ref'] },
  { name: 'malware without is_family', code: 'STIX.REQUIRED_PROPERTY', pointer: p(IDS.malware, 'is_family'), mutate: (_, at) => delete at(IDS.malware)['is_family'] },
  { name: 'malware family without name', code: 'STIX.REQUIRED_PROPERTY', pointer: p(IDS.malware, 'name'), mutate: (_, at) => delete at(IDS.malware)['name'] },
  { name: 'network-traffic without protocols', code: 'STIX.REQUIRED_PROPERTY', pointer: p(IDS.networkTraffic, 'protocols'), mutate: (_, at) => delete at(IDS.networkTraffic)['protocols'] },
  { name: 'SCO without id', code: 'STIX.REQUIRED_PROPERTY', pointer: p(IDS.mutex, 'id'), mutate: (_, at) => delete at(IDS.mutex)['id'] },
  { name: 'marking-definition without definition', code: 'STIX.REQUIRED_PROPERTY', pointer: p(IDS.statementMarking, 'definition'), mutate: (_, at) => delete at(IDS.statementMarking)['definition'] },
  { name: 'network-traffic without src_ref and dst_ref', code: 'STIX.REQUIRED_ONE_OF', pointer: p(IDS.networkTraffic), mutate: (_, at) => { delete at(IDS.networkTraffic)['src_ref']; delete at(IDS.networkTraffic)['dst_ref']; } },
  { name: 'location without region, country or coordinates', code: 'STIX.REQUIRED_ONE_OF', pointer: p(IDS.location), mutate: (_, at) => { for (const k of ['region', 'country', 'latitude', 'longitude']) delete at(IDS.location)[k]; } },
  { name: 'file without hashes or name', code: 'STIX.REQUIRED_ONE_OF', pointer: p(IDS.file), mutate: (_, at) => { delete at(IDS.file)['hashes']; delete at(IDS.file)['name']; } },
  { name: 'artifact with payload_bin and url', code: 'STIX.PROPERTY_CONFLICT', pointer: p(IDS.artifact, 'url'), mutate: (_, at) => Object.assign(at(IDS.artifact), { url: 'https://example.com/a.zip', hashes: { MD5: '6cc0e4b7b34b4ee0e0d5a8e1e6e7a1e2' } }) },
  { name: 'single-part email with body_multipart', code: 'STIX.PROPERTY_CONFLICT', pointer: p(IDS.emailMessage, 'body_multipart'), mutate: (_, at) => (at(IDS.emailMessage)['is_multipart'] = false) },
  { name: 'boolean written as a string', code: 'STIX.INVALID_PROPERTY_TYPE', pointer: p(IDS.malware, 'is_family'), mutate: (_, at) => (at(IDS.malware)['is_family'] = 'true') },
  { name: 'labels not a list', code: 'STIX.INVALID_PROPERTY_TYPE', pointer: p(IDS.tool, 'labels'), mutate: (_, at) => (at(IDS.tool)['labels'] = 'x') },
  { name: 'custom property name with upper case', code: 'STIX.INVALID_PROPERTY_NAME', pointer: p(IDS.tool, 'x_Vendor'), mutate: (_, at) => (at(IDS.tool)['x_Vendor'] = 1) },
  { name: 'empty labels list', code: 'STIX.EMPTY_LIST', pointer: p(IDS.tool, 'labels'), mutate: (_, at) => (at(IDS.tool)['labels'] = []) },
  { name: 'empty object_refs', code: 'STIX.EMPTY_LIST', pointer: p(IDS.report, 'object_refs'), mutate: (_, at) => (at(IDS.report)['object_refs'] = []) },
  { name: 'type with upper case', code: 'STIX.INVALID_TYPE_NAME', pointer: p(IDS.tool, 'type'), mutate: (_, at) => (at(IDS.tool)['type'] = 'Tool') },
  { name: 'undeclared non-x- type', code: 'STIX.UNKNOWN_TYPE', severity: 'warning', pointer: p(IDS.tool, 'type'), mutate: (_, at) => Object.assign(at(IDS.tool), { type: 'gadget', id: 'gadget--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' }) },
  { name: 'id without UUID', code: 'STIX.INVALID_ID', pointer: p(IDS.tool, 'id'), mutate: (_, at) => (at(IDS.tool)['id'] = 'tool--1234') },
  { name: 'id with a non-RFC 4122 UUID', code: 'STIX.INVALID_ID', pointer: p(IDS.tool, 'id'), mutate: (_, at) => (at(IDS.tool)['id'] = 'tool--8e2e2d2b-17d4-0cbf-c38f-98ee46b3cd3f') },
  { name: 'id of another type', code: 'STIX.ID_TYPE_MISMATCH', pointer: p(IDS.tool, 'id'), mutate: (_, at) => (at(IDS.tool)['id'] = 'malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f') },
  { name: 'SDO with a v1 UUID', code: 'STIX.UUID_VERSION', severity: 'warning', pointer: p(IDS.tool, 'id'), mutate: (_, at) => (at(IDS.tool)['id'] = 'tool--1621d4d4-b67d-11e3-9670-f01faf20d111') },
  { name: 'spec_version 2.0', code: 'STIX.SPEC_VERSION', pointer: p(IDS.tool, 'spec_version'), mutate: (_, at) => (at(IDS.tool)['spec_version'] = '2.0') },
  { name: 'timestamp with an offset', code: 'STIX.INVALID_TIMESTAMP', pointer: p(IDS.tool, 'created'), mutate: (_, at) => (at(IDS.tool)['created'] = '2024-03-01T08:00:00+01:00') },
  { name: 'timestamp without Z', code: 'STIX.INVALID_TIMESTAMP', pointer: p(IDS.indicator, 'valid_from'), mutate: (_, at) => (at(IDS.indicator)['valid_from'] = '2024-03-01T08:00:00') },
  { name: 'modified before created', code: 'STIX.TIMESTAMP_ORDER', pointer: p(IDS.tool, 'modified'), mutate: (_, at) => (at(IDS.tool)['modified'] = '2024-02-01T00:00:00Z') },
  { name: 'valid_until equal to valid_from', code: 'STIX.TIMESTAMP_ORDER', pointer: p(IDS.indicator, 'valid_until'), mutate: (_, at) => (at(IDS.indicator)['valid_until'] = at(IDS.indicator)['valid_from']) },
  { name: 'last_seen before first_seen', code: 'STIX.TIMESTAMP_ORDER', pointer: p(IDS.campaign, 'last_seen'), mutate: (_, at) => (at(IDS.campaign)['last_seen'] = '2020-01-01T00:00:00Z') },
  { name: 'malformed _ref', code: 'STIX.INVALID_REFERENCE', pointer: p(IDS.relationship, 'source_ref'), mutate: (_, at) => (at(IDS.relationship)['source_ref'] = 'indicator') },
  { name: 'malformed entry of _refs', code: 'STIX.INVALID_REFERENCE', pointer: p(IDS.report, 'object_refs', 1), mutate: (_, at) => ((at(IDS.report)['object_refs'] as unknown[])[1] = 42) },
  { name: 'created_by_ref to a non-identity', code: 'STIX.REFERENCE_TYPE', pointer: p(IDS.tool, 'created_by_ref'), mutate: (_, at) => (at(IDS.tool)['created_by_ref'] = IDS.malware) },
  { name: 'object_marking_refs entry not a marking', code: 'STIX.REFERENCE_TYPE', pointer: p(IDS.tool, 'object_marking_refs', 0), mutate: (_, at) => (at(IDS.tool)['object_marking_refs'] = [IDS.identity]) },
  { name: 'relationship to an SRO', code: 'STIX.REFERENCE_TYPE', pointer: p(IDS.relationship, 'target_ref'), mutate: (_, at) => (at(IDS.relationship)['target_ref'] = IDS.sighting) },
  { name: 'sighting of an SCO', code: 'STIX.REFERENCE_TYPE', pointer: p(IDS.sighting, 'sighting_of_ref'), mutate: (_, at) => (at(IDS.sighting)['sighting_of_ref'] = IDS.ipv4) },
  { name: 'network-traffic src_ref to a file', code: 'STIX.REFERENCE_TYPE', pointer: p(IDS.networkTraffic, 'src_ref'), mutate: (_, at) => (at(IDS.networkTraffic)['src_ref'] = IDS.file) },
  { name: 'opinion outside its enumeration', code: 'STIX.ENUM_VALUE', pointer: p(IDS.opinion, 'opinion'), mutate: (_, at) => (at(IDS.opinion)['opinion'] = 'meh') },
  { name: 'artifact encryption_algorithm outside its enumeration', code: 'STIX.ENUM_VALUE', pointer: p(IDS.artifact, 'encryption_algorithm'), mutate: (_, at) => (at(IDS.artifact)['encryption_algorithm'] = 'rot13') },
  { name: 'identity_class outside its open vocabulary', code: 'STIX.OPEN_VOCAB_VALUE', severity: 'warning', pointer: p(IDS.identity, 'identity_class'), mutate: (_, at) => (at(IDS.identity)['identity_class'] = 'sector-unit') },
  { name: 'pattern_type outside its open vocabulary', code: 'STIX.OPEN_VOCAB_VALUE', severity: 'warning', pointer: p(IDS.indicator, 'pattern_type'), mutate: (_, at) => Object.assign(at(IDS.indicator), { pattern_type: 'kql', pattern: 'whatever' }) },
  { name: 'confidence above 100', code: 'STIX.VALUE_OUT_OF_RANGE', pointer: p(IDS.tool, 'confidence'), mutate: (_, at) => (at(IDS.tool)['confidence'] = 101) },
  { name: 'port above 65535', code: 'STIX.VALUE_OUT_OF_RANGE', pointer: p(IDS.networkTraffic, 'dst_port'), mutate: (_, at) => (at(IDS.networkTraffic)['dst_port'] = 70000) },
  { name: 'MAC address in upper case', code: 'STIX.INVALID_VALUE', pointer: p(IDS.mac, 'value'), mutate: (_, at) => (at(IDS.mac)['value'] = 'D2:FB:49:24:37:18') },
  { name: 'SHA-256 of the wrong length', code: 'STIX.INVALID_VALUE', pointer: p(IDS.file, 'hashes', 'SHA-256'), mutate: (_, at) => (at(IDS.file)['hashes'] = { 'SHA-256': 'abc' }) },
  { name: 'granular marking with marking_ref and lang', code: 'STIX.GRANULAR_MARKING', pointer: p(IDS.incident, 'granular_markings', 0), mutate: (_, at) => (at(IDS.incident)['granular_markings'] = [{ marking_ref: IDS.statementMarking, lang: 'en', selectors: ['name'] }]) },
  { name: 'granular marking with neither', code: 'STIX.GRANULAR_MARKING', pointer: p(IDS.incident, 'granular_markings', 0), mutate: (_, at) => (at(IDS.incident)['granular_markings'] = [{ selectors: ['name'] }]) },
  { name: 'selector to a missing property', code: 'STIX.GRANULAR_SELECTOR', pointer: p(IDS.incident, 'granular_markings', 0, 'selectors', 0), mutate: (_, at) => (at(IDS.incident)['granular_markings'] = [{ marking_ref: IDS.statementMarking, selectors: ['description'] }]) },
  { name: 'selector past the end of a list', code: 'STIX.GRANULAR_SELECTOR', pointer: p(IDS.attackPattern, 'granular_markings', 0, 'selectors', 0), mutate: (_, at) => (at(IDS.attackPattern)['granular_markings'] = [{ lang: 'en', selectors: ['kill_chain_phases.[1].phase_name'] }]) },
  { name: 'extension that is not an object', code: 'STIX.INVALID_EXTENSION', pointer: p(IDS.url, 'extensions', 'x-thing-ext'), mutate: (_, at) => (at(IDS.url)['extensions'] = { 'x-thing-ext': 3 }) },
  { name: 'Incident Core 1.0 property as an extension key', code: 'STIX.INVALID_EXTENSION', pointer: p(IDS.incident, 'extensions', 'availability'), mutate: (_, at) => ((at(IDS.incident)['extensions'] as Obj)['availability'] = { availability_impact: 99 }) },
  { name: 'predefined extension on the wrong SCO', code: 'STIX.INVALID_EXTENSION', pointer: p(IDS.url, 'extensions', 'archive-ext'), mutate: (_, at) => (at(IDS.url)['extensions'] = { 'archive-ext': { contains_refs: [IDS.file] } }) },
  { name: '2.0-style custom extension', code: 'STIX.UNKNOWN_EXTENSION', severity: 'warning', pointer: p(IDS.url, 'extensions', 'x-acme-ext'), mutate: (_, at) => (at(IDS.url)['extensions'] = { 'x-acme-ext': { score: 3 } }) },
  { name: 'extension-definition entry without extension_type', code: 'STIX.EXTENSION_TYPE', pointer: p(IDS.tool, 'extensions', IDS.extensionDefinition, 'extension_type'), mutate: (_, at) => (at(IDS.tool)['extensions'] = { [IDS.extensionDefinition]: { rank: 1 } }) },
  { name: 'TLP:RED 2.0 marking with a foreign id', code: 'STIX.TLP_DEFINITION', pointer: p(TLP2_MARKING_IDS['TLP:GREEN'], 'id'), mutate: (_, at) => (at(TLP2_MARKING_IDS['TLP:GREEN'])['extensions'] = { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: 'red' } }) },
  { name: 'TLP 1.0 marking with a foreign id', code: 'STIX.TLP_DEFINITION', pointer: p(IDS.statementMarking, 'id'), mutate: (_, at) => Object.assign(at(IDS.statementMarking), { definition_type: 'tlp', definition: { tlp: 'amber' } }) },
  { name: 'unparsable pattern', code: 'STIX.PATTERN_SYNTAX', pointer: p(IDS.indicator, 'pattern'), mutate: (_, at) => (at(IDS.indicator)['pattern'] = "[ipv4-addr:value = '1.2.3.4'") },
  { name: 'pattern joining two object types with AND', code: 'STIX.PATTERN_MIXED_TYPES', pointer: p(IDS.indicator, 'pattern'), mutate: (_, at) => (at(IDS.indicator)['pattern'] = "[ipv4-addr:value = '1.2.3.4' AND file:name = 'a.exe']") },
  { name: 'same version twice', code: 'STIX.DUPLICATE_OBJECT', severity: 'warning', pointer: `/objects/${validBundle().objects.length}`, mutate: (b, at) => b.objects.push({ ...at(IDS.tool) }) },
  { name: 'observed-data with deprecated objects', code: 'STIX.DEPRECATED', severity: 'warning', pointer: p(IDS.observedData, 'objects'), mutate: (_, at) => { delete at(IDS.observedData)['object_refs']; at(IDS.observedData)['objects'] = { '0': { type: 'ipv4-addr', value: '10.0.0.1' } }; } },
  { name: 'custom property nested too deeply', code: 'STIX.NESTING_TOO_DEEP', pointer: p(IDS.tool, 'x_deep', ...Array(64).fill(0)), mutate: (_, at) => { let v: unknown = 'bottom'; for (let i = 0; i < 100; i++) v = [v]; at(IDS.tool)['x_deep'] = v; } },
  { name: 'incident core determination outside its enumeration', code: 'STIX.ENUM_VALUE', pointer: p(IDS.incident, 'extensions', INCIDENT_CORE_EXTENSION_ID, 'determination'), mutate: (_, at) => (((at(IDS.incident)['extensions'] as Obj)[INCIDENT_CORE_EXTENSION_ID] as Obj)['determination'] = 'confirmed') },
  { name: 'incident core without investigation_status', code: 'STIX.REQUIRED_PROPERTY', pointer: p(IDS.incident, 'extensions', INCIDENT_CORE_EXTENSION_ID, 'investigation_status'), mutate: (_, at) => delete ((at(IDS.incident)['extensions'] as Obj)[INCIDENT_CORE_EXTENSION_ID] as Obj)['investigation_status'] },
  { name: 'incident core criticality above 100', code: 'STIX.VALUE_OUT_OF_RANGE', pointer: p(IDS.incident, 'extensions', INCIDENT_CORE_EXTENSION_ID, 'criticality'), mutate: (_, at) => (((at(IDS.incident)['extensions'] as Obj)[INCIDENT_CORE_EXTENSION_ID] as Obj)['criticality'] = 170) },
  { name: 'incident core impact_refs to a non-impact', code: 'STIX.REFERENCE_TYPE', pointer: p(IDS.incident, 'extensions', INCIDENT_CORE_EXTENSION_ID, 'impact_refs', 0), mutate: (_, at) => (((at(IDS.incident)['extensions'] as Obj)[INCIDENT_CORE_EXTENSION_ID] as Obj)['impact_refs'] = [IDS.note]) },
  { name: 'created to the second only', code: 'STIX.TIMESTAMP_PRECISION', pointer: p(IDS.tool, 'created'), mutate: (_, at) => (at(IDS.tool)['created'] = '2024-03-01T08:00:00Z') },
  { name: 'lang that is not an RFC 5646 tag', code: 'STIX.INVALID_LANGUAGE_TAG', pointer: p(IDS.tool, 'lang'), mutate: (_, at) => (at(IDS.tool)['lang'] = 'english') },
  { name: 'hash name with a space', code: 'STIX.INVALID_DICTIONARY_KEY', pointer: p(IDS.file, 'hashes', 'SHA 256'), mutate: (_, at) => (at(IDS.file)['hashes'] = { 'SHA 256': 'x' }) },
  { name: 'defanged on an SDO', code: 'STIX.PROPERTY_NOT_ALLOWED', pointer: p(IDS.tool, 'defanged'), mutate: (_, at) => (at(IDS.tool)['defanged'] = true) },
  { name: 'marking definition marked with itself', code: 'STIX.CIRCULAR_MARKING', pointer: p(IDS.statementMarking, 'object_marking_refs', 0), mutate: (_, at) => (at(IDS.statementMarking)['object_marking_refs'] = [IDS.statementMarking]) },
  { name: 'opinion given as a list', code: 'STIX.INVALID_PROPERTY_TYPE', pointer: p(IDS.opinion, 'opinion'), mutate: (_, at) => (at(IDS.opinion)['opinion'] = ['agree']) },
];

describe('validateBundle problem codes', () => {
  it.each(cases)('$name → $code at $pointer', ({ code, pointer, severity = 'error', mutate }) => {
    const bundle = validBundle();
    mutate(bundle, (id) => objectById(bundle, id));
    const report = validateBundle(bundle);
    const problems = severity === 'error' ? report.errors : report.warnings;
    expect(problems).toContainEqual(expect.objectContaining({ code, pointer }));
    if (severity === 'error') expect(report.valid).toBe(false);
    else expect(report).toMatchObject({ valid: true, errors: [] });
  });

  it('tests every code the validator can emit', () => {
    // STIX.INTERNAL, the safety net, is exercised by the next test.
    const covered = new Set([...cases.map((c) => c.code), STIX_CODES.INTERNAL]);
    for (const code of Object.values(STIX_CODES)) expect([...covered]).toContain(code);
  });

  it('reports the safety net as STIX.INTERNAL when the input itself throws', () => {
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('boom'); } });
    const report = validateObject(hostile, 2);
    expect(report.valid).toBe(false);
    expect(report.errors).toContainEqual(expect.objectContaining({ code: STIX_CODES.INTERNAL, index: 2, pointer: '/objects/2' }));
  });

  it('keeps TLP 1.0 standard markings valid', () => {
    const tlp1 = { type: 'marking-definition', spec_version: '2.1', id: TLP1_MARKING_IDS.amber, created: '2017-01-20T00:00:00.000Z', definition_type: 'tlp', name: 'TLP:AMBER', definition: { tlp: 'amber' } };
    expect(validateObject(tlp1)).toEqual({ valid: true, errors: [], warnings: [] });
  });
});
