// Hand-written, spec-conformant STIX 2.1 objects for tests: one of every object type, wired
// together so that every reference resolves inside the bundle. Ids of SCOs are deterministic.

import { INCIDENT_CORE_EXTENSION_ID } from '../incident-core.js';
import { TLP2_MARKING_IDS, tlpMarkingDefinition } from '../tlp-markings.js';

export const T0 = '2024-03-01T08:00:00.000Z';
export const T1 = '2024-03-02T09:30:00.000Z';

export const IDS = {
  identity: 'identity--2d1c6ab3-5e4f-4d5e-9a1b-8c7d6e5f4a3b',
  attackPattern: 'attack-pattern--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061',
  campaign: 'campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  courseOfAction: 'course-of-action--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  grouping: 'grouping--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3',
  incident: 'incident--7a5a2b9c-3d4e-4f5a-8b6c-1d2e3f4a5b6c',
  indicator: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  infrastructure: 'infrastructure--38c47d93-d984-4fd9-b87b-d69d0841628d',
  intrusionSet: 'intrusion-set--4e78f46f-a023-4e5f-bc24-71b3ca22ec29',
  location: 'location--a6e9345f-5a15-4c29-8bb3-7dcc5d168d64',
  malware: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b',
  malwareAnalysis: 'malware-analysis--d25167b7-fed0-4068-9ccd-a73dd2c5b07c',
  note: 'note--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061',
  observedData: 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf',
  opinion: 'opinion--b01efc25-77b4-4003-b18b-f6e24b5cd9f7',
  report: 'report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3',
  threatActor: 'threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  tool: 'tool--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  vulnerability: 'vulnerability--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061',
  relationship: 'relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad',
  sighting: 'sighting--ee20065d-2555-424f-ad9e-0f8fd8c2b8c0',
  languageContent: 'language-content--b86bd89f-98bb-4fa9-8cb2-9ad421da981d',
  extensionDefinition: 'extension-definition--9c59fd79-4215-4ba2-920d-3e4f320e1e62',
  statementMarking: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41db',
  // SCOs (UUIDv5 style ids; their exact values do not matter to the validator)
  ipv4: 'ipv4-addr--ff26c255-6336-5bc5-b98d-13d6226742dd',
  ipv6: 'ipv6-addr--1e61d36c-a26c-53b7-a80f-2a00161c96b1',
  mac: 'mac-addr--65cfcf98-8a6e-5a1b-8f61-379ac4f92d00',
  as: 'autonomous-system--f720c34b-98ae-597f-ade5-27ef187498bd',
  domain: 'domain-name--3c10e93f-798e-5a26-a0c1-08156efab7f5',
  url: 'url--c1477287-23ac-5971-a010-5c287877fa60',
  emailAddr: 'email-addr--2d77a846-6264-5d51-b586-e43822ea1ea3',
  emailMessage: 'email-message--72b7698f-10c2-565a-a2a6-b4996a2f2265',
  artifact: 'artifact--6f437177-6e48-5cf8-9d9e-872a2bddd641',
  directory: 'directory--93c0a9b0-520d-545d-9094-1a08ddf46b05',
  file: 'file--66156fad-2a7d-5237-bbb4-ba1912887cfe',
  mutex: 'mutex--eba44954-d4e4-5d3b-814c-2b17dd8de300',
  networkTraffic: 'network-traffic--2568d22a-8998-58eb-99ec-3c8ca74f527d',
  process: 'process--f52a906a-0dfc-40bd-92f1-e7778ead38a9',
  software: 'software--a1827f6d-ca53-5605-9e93-4316cd22a00a',
  userAccount: 'user-account--0d5b424b-93b8-5cd8-ac36-306e1789d63c',
  registryKey: 'windows-registry-key--2ba37ae7-2745-5082-9dfd-9486dad41016',
  x509: 'x509-certificate--463d7b2a-8516-5a50-a3d7-6f801465d5de',
  bundle: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
} as const;

const GREEN = TLP2_MARKING_IDS['TLP:GREEN'];
const sdo = (type: string, id: string, extra: Record<string, unknown>): Record<string, unknown> => ({
  type,
  spec_version: '2.1',
  id,
  created: T0,
  modified: T1,
  created_by_ref: IDS.identity,
  object_marking_refs: [GREEN],
  ...extra,
});
const sco = (type: string, id: string, extra: Record<string, unknown>): Record<string, unknown> => ({
  type,
  spec_version: '2.1',
  id,
  ...extra,
});

export function validObjects(): Record<string, unknown>[] {
  return [
    tlpMarkingDefinition('TLP:GREEN') as unknown as Record<string, unknown>,
    {
      type: 'marking-definition',
      spec_version: '2.1',
      id: IDS.statementMarking,
      created: T0,
      definition_type: 'statement',
      definition: { statement: 'Copyright 2024, Example Energy CSIRT' },
    },
    sdo('identity', IDS.identity, { name: 'Energy Sector Unit', identity_class: 'organization', sectors: ['energy'] }),
    sdo('attack-pattern', IDS.attackPattern, {
      name: 'Spearphishing Attachment',
      external_references: [{ source_name: 'capec', external_id: 'CAPEC-163' }],
      kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'initial-access' }],
    }),
    sdo('campaign', IDS.campaign, { name: 'Green Group Attacks', first_seen: T0, last_seen: T1 }),
    sdo('course-of-action', IDS.courseOfAction, { name: 'Block the C2 address' }),
    sdo('grouping', IDS.grouping, { context: 'suspicious-activity', object_refs: [IDS.indicator, IDS.ipv4] }),
    sdo('incident', IDS.incident, {
      name: 'Ransomware at substation operator',
      granular_markings: [{ marking_ref: IDS.statementMarking, selectors: ['name', 'extensions'] }],
      extensions: {
        [INCIDENT_CORE_EXTENSION_ID]: {
          extension_type: 'property-extension',
          determination: 'successful-attempt',
          investigation_status: 'open',
          criticality: 70,
          incident_types: ['ransomware'],
          detection_methods: ['human-review'],
          recoverability: 'supplemented',
          impacted_entity_counts: { organizations: 1, 'information-systems': 12 },
          scores: [{ name: 'Triage score', value: 7.5 }],
        },
      },
    }),
    sdo('indicator', IDS.indicator, {
      name: 'C2 address',
      indicator_types: ['malicious-activity'],
      pattern: "[ipv4-addr:value = '198.51.100.3'] AND [file:hashes.'SHA-256' = 'ceafbfd424be2ca4a5f0402cae090dda2fb0526cf521b60b60077c0f622b285a']",
      pattern_type: 'stix',
      valid_from: T0,
      valid_until: T1,
    }),
    sdo('infrastructure', IDS.infrastructure, { name: 'C2 server', infrastructure_types: ['command-and-control'] }),
    sdo('intrusion-set', IDS.intrusionSet, { name: 'Bobcat Breakin', primary_motivation: 'organizational-gain' }),
    sdo('location', IDS.location, { name: 'Substation 7', region: 'northern-europe', country: 'DK', latitude: 55.7, longitude: 12.5 }),
    sdo('malware', IDS.malware, {
      name: 'Cryptolocker',
      is_family: true,
      malware_types: ['ransomware'],
      sample_refs: [IDS.file],
      operating_system_refs: [IDS.software],
    }),
    sdo('malware-analysis', IDS.malwareAnalysis, { product: 'microsoft', result: 'malicious', sample_ref: IDS.file }),
    sdo('note', IDS.note, { content: 'Confirmed by the sector unit.', object_refs: [IDS.incident] }),
    sdo('observed-data', IDS.observedData, {
      first_observed: T0,
      last_observed: T1,
      number_observed: 3,
      object_refs: [IDS.ipv4, IDS.networkTraffic],
    }),
    sdo('opinion', IDS.opinion, { opinion: 'agree', object_refs: [IDS.incident] }),
    sdo('report', IDS.report, { name: 'Weekly energy brief', published: T1, object_refs: [IDS.incident, IDS.indicator] }),
    sdo('threat-actor', IDS.threatActor, { name: 'Evil Org', threat_actor_types: ['crime-syndicate'] }),
    sdo('tool', IDS.tool, { name: 'VNC', tool_types: ['remote-access'] }),
    sdo('vulnerability', IDS.vulnerability, { name: 'CVE-2016-1234' }),
    sdo('relationship', IDS.relationship, {
      relationship_type: 'indicates',
      source_ref: IDS.indicator,
      target_ref: IDS.malware,
      start_time: T0,
      stop_time: T1,
    }),
    sdo('sighting', IDS.sighting, {
      sighting_of_ref: IDS.indicator,
      observed_data_refs: [IDS.observedData],
      where_sighted_refs: [IDS.identity, IDS.location],
      count: 3,
      first_seen: T0,
      last_seen: T1,
    }),
    sdo('language-content', IDS.languageContent, {
      object_ref: IDS.campaign,
      object_modified: T1,
      contents: { de: { name: 'Angriffe der Grünen Gruppe' } },
    }),
    {
      type: 'extension-definition',
      spec_version: '2.1',
      id: IDS.extensionDefinition,
      created: T0,
      modified: T1,
      created_by_ref: IDS.identity,
      name: 'Sector tags',
      schema: 'https://example.org/schemas/sector-tags.json',
      version: '1.0.0',
      extension_types: ['property-extension'],
    },
    sco('ipv4-addr', IDS.ipv4, { value: '198.51.100.3', resolves_to_refs: [IDS.mac], belongs_to_refs: [IDS.as] }),
    sco('ipv6-addr', IDS.ipv6, { value: '2001:0db8:85a3:0000:0000:8a2e:0370:7334' }),
    sco('mac-addr', IDS.mac, { value: 'd2:fb:49:24:37:18' }),
    sco('autonomous-system', IDS.as, { number: 15139, name: 'Slime Industries', rir: 'ARIN' }),
    sco('domain-name', IDS.domain, { value: 'example.com', resolves_to_refs: [IDS.ipv4] }),
    sco('url', IDS.url, { value: 'https://example.com/research/index.html' }),
    sco('email-addr', IDS.emailAddr, { value: 'john@example.com', display_name: 'John Doe' }),
    sco('email-message', IDS.emailMessage, {
      is_multipart: true,
      from_ref: IDS.emailAddr,
      to_refs: [IDS.emailAddr],
      subject: 'Invoice',
      body_multipart: [{ content_type: 'text/plain', body: 'see attachment' }, { body_raw_ref: IDS.artifact }],
    }),
    sco('artifact', IDS.artifact, { mime_type: 'application/zip', payload_bin: 'VBORw0KGgoAAAANSUhEUgAAADI==' }),
    sco('directory', IDS.directory, { path: 'C:\\Windows\\System32' }),
    sco('file', IDS.file, {
      name: 'qwerty.dll',
      hashes: { 'SHA-256': 'ceafbfd424be2ca4a5f0402cae090dda2fb0526cf521b60b60077c0f622b285a' },
      size: 25536,
      parent_directory_ref: IDS.directory,
      extensions: { 'windows-pebinary-ext': { pe_type: 'dll', number_of_sections: 4 } },
    }),
    sco('mutex', IDS.mutex, { name: '__CLEANSWEEP__' }),
    sco('network-traffic', IDS.networkTraffic, {
      src_ref: IDS.ipv4,
      dst_ref: IDS.domain,
      protocols: ['ipv4', 'tcp', 'http'],
      src_port: 49152,
      dst_port: 80,
      start: T0,
      end: T1,
      extensions: { 'http-request-ext': { request_method: 'get', request_value: '/download.html' } },
    }),
    sco('process', IDS.process, { pid: 1221, command_line: './gedit-bin --new-window', image_ref: IDS.file }),
    sco('software', IDS.software, { name: 'Word', vendor: 'Microsoft', version: '2002' }),
    sco('user-account', IDS.userAccount, { user_id: '1001', account_login: 'jdoe', account_type: 'unix' }),
    sco('windows-registry-key', IDS.registryKey, {
      key: 'hkey_local_machine\\system\\bar\\foo',
      values: [{ name: 'Foo', data: 'qwerty', data_type: 'REG_SZ' }],
    }),
    sco('x509-certificate', IDS.x509, { issuer: 'C=ZA, ST=Western Cape, L=Cape Town', serial_number: '36:f7:d4:32:f4:ab:70:ea' }),
  ];
}

export function validBundle(): { type: 'bundle'; id: string; objects: Record<string, unknown>[] } {
  return { type: 'bundle', id: IDS.bundle, objects: validObjects() };
}

/** The bundle's object of a given id (tests mutate it in place on a fresh bundle). */
export function objectById(bundle: { objects: Record<string, unknown>[] }, id: string): Record<string, unknown> {
  const found = bundle.objects.find((o) => o['id'] === id);
  if (!found) throw new Error(`no object ${id} in the fixture bundle`);
  return found;
}
