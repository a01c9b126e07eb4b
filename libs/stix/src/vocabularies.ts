// STIX 2.1 §10: open vocabularies (values SHOULD come from the list — unknown values are kept and
// only warned about) and enumerations (values MUST come from the list — anything else is an error).

// ---- open vocabularies ----

export const ACCOUNT_TYPE_OV = [
  'facebook', 'ldap', 'nis', 'openid', 'radius', 'skype', 'tacacs', 'twitter', 'unix', 'windows-local',
  'windows-domain',
] as const;
export const ATTACK_MOTIVATION_OV = [
  'accidental', 'coercion', 'dominance', 'ideology', 'notoriety', 'organizational-gain', 'personal-gain',
  'personal-satisfaction', 'revenge', 'unpredictable',
] as const;
export const ATTACK_RESOURCE_LEVEL_OV = [
  'individual', 'club', 'contest', 'team', 'organization', 'government',
] as const;
export const GROUPING_CONTEXT_OV = ['suspicious-activity', 'malware-analysis', 'unspecified'] as const;
export const HASH_ALGORITHM_OV = [
  'MD5', 'SHA-1', 'SHA-256', 'SHA-512', 'SHA3-256', 'SHA3-512', 'SSDEEP', 'TLSH',
] as const;
export const IDENTITY_CLASS_OV = [
  'individual', 'group', 'system', 'organization', 'class', 'unknown',
] as const;
export const IMPLEMENTATION_LANGUAGE_OV = [
  'applescript', 'bash', 'c', 'c++', 'c#', 'go', 'java', 'javascript', 'lua', 'objective-c', 'perl', 'php',
  'powershell', 'python', 'ruby', 'scala', 'swift', 'typescript', 'visual-basic', 'x86-32', 'x86-64',
] as const;
export const INDICATOR_TYPE_OV = [
  'anomalous-activity', 'anonymization', 'benign', 'compromised', 'malicious-activity', 'attribution',
  'unknown',
] as const;
export const INDUSTRY_SECTOR_OV = [
  'agriculture', 'aerospace', 'automotive', 'chemical', 'commercial', 'communications', 'construction', 'defense',
  'education', 'energy', 'entertainment', 'financial-services', 'government', 'emergency-services', 'government-local',
  'government-national', 'government-public-services', 'government-regional', 'healthcare', 'hospitality-leisure',
  'infrastructure', 'dams', 'nuclear', 'water', 'insurance', 'manufacturing', 'mining', 'non-profit', 'pharmaceuticals',
  'retail', 'technology', 'telecommunications', 'transportation', 'utilities',
] as const;
export const INFRASTRUCTURE_TYPE_OV = [
  'amplification', 'anonymization', 'botnet', 'command-and-control', 'control-system', 'exfiltration',
  'firewall', 'hosting-malware', 'hosting-target-lists', 'phishing', 'reconnaissance', 'routers-switches',
  'staging', 'workstation', 'unknown',
] as const;
export const MALWARE_RESULT_OV = ['malicious', 'suspicious', 'benign', 'unknown'] as const;
export const MALWARE_CAPABILITIES_OV = [
  'accesses-remote-machines', 'anti-debugging', 'anti-disassembly', 'anti-emulation', 'anti-memory-forensics',
  'anti-sandbox', 'anti-vm', 'captures-input-peripherals', 'captures-output-peripherals', 'captures-system-state-data',
  'cleans-traces-of-infection', 'commits-fraud', 'communicates-with-c2', 'compromises-data-availability',
  'compromises-data-integrity', 'compromises-system-availability', 'controls-local-machine', 'degrades-security-software',
  'degrades-system-updates', 'determines-c2-server', 'emails-spam', 'escalates-privileges', 'evades-av', 'exfiltrates-data',
  'fingerprints-host', 'hides-artifacts', 'hides-executing-code', 'infects-files', 'infects-remote-machines',
  'installs-other-components', 'persists-after-system-reboot', 'prevents-artifact-access', 'prevents-artifact-deletion',
  'probes-network-environment', 'self-modifies', 'steals-authentication-credentials', 'violates-system-operational-integrity',
] as const;
export const MALWARE_TYPE_OV = [
  'adware', 'backdoor', 'bot', 'bootkit', 'ddos', 'downloader', 'dropper', 'exploit-kit', 'keylogger',
  'ransomware', 'remote-access-trojan', 'resource-exploitation', 'rogue-security-software', 'rootkit',
  'screen-capture', 'spyware', 'trojan', 'unknown', 'virus', 'webshell', 'wiper', 'worm',
] as const;
export const PATTERN_TYPE_OV = ['stix', 'pcre', 'sigma', 'snort', 'suricata', 'yara'] as const;
export const PROCESSOR_ARCHITECTURE_OV = [
  'alpha', 'arm', 'ia-64', 'mips', 'powerpc', 'sparc', 'x86', 'x86-64',
] as const;
export const REGION_OV = [
  'africa', 'eastern-africa', 'middle-africa', 'northern-africa', 'southern-africa', 'western-africa', 'americas',
  'caribbean', 'central-america', 'latin-america-caribbean', 'northern-america', 'south-america', 'asia', 'central-asia',
  'eastern-asia', 'southern-asia', 'south-eastern-asia', 'western-asia', 'europe', 'eastern-europe', 'northern-europe',
  'southern-europe', 'western-europe', 'antarctica', 'oceania', 'australia-new-zealand', 'melanesia', 'micronesia', 'polynesia',
] as const;
export const REPORT_TYPE_OV = [
  'attack-pattern', 'campaign', 'identity', 'indicator', 'intrusion-set', 'malware', 'observed-data',
  'threat-actor', 'threat-report', 'tool', 'vulnerability',
] as const;
export const THREAT_ACTOR_TYPE_OV = [
  'activist', 'competitor', 'crime-syndicate', 'criminal', 'hacker', 'insider-accidental',
  'insider-disgruntled', 'nation-state', 'sensationalist', 'spy', 'terrorist', 'unknown',
] as const;
export const THREAT_ACTOR_ROLE_OV = [
  'agent', 'director', 'independent', 'infrastructure-architect', 'infrastructure-operator',
  'malware-author', 'sponsor',
] as const;
export const THREAT_ACTOR_SOPHISTICATION_OV = [
  'none', 'minimal', 'intermediate', 'advanced', 'expert', 'innovator', 'strategic',
] as const;
export const TOOL_TYPE_OV = [
  'denial-of-service', 'exploitation', 'information-gathering', 'network-capture', 'credential-exploitation',
  'remote-access', 'vulnerability-scanning', 'unknown',
] as const;
export const WINDOWS_PEBINARY_TYPE_OV = ['dll', 'exe', 'sys'] as const;
/** §7.2.1: `statement` and `tlp` are the definition types the specification defines. */
export const MARKING_DEFINITION_TYPE_OV = ['statement', 'tlp'] as const;

// ---- enumerations ----

export const ENCRYPTION_ALGORITHM_ENUM = ['AES-256-GCM', 'ChaCha20-Poly1305', 'mime-type-indicated'] as const;
export const EXTENSION_TYPE_ENUM = [
  'new-sdo', 'new-sco', 'new-sro', 'property-extension', 'toplevel-property-extension',
] as const;
export const NETWORK_SOCKET_ADDRESS_FAMILY_ENUM = [
  'AF_UNSPEC', 'AF_INET', 'AF_IPX', 'AF_APPLETALK', 'AF_NETBIOS', 'AF_INET6', 'AF_IRDA', 'AF_BTH',
] as const;
export const NETWORK_SOCKET_TYPE_ENUM = [
  'SOCK_STREAM', 'SOCK_DGRAM', 'SOCK_RAW', 'SOCK_RDM', 'SOCK_SEQPACKET',
] as const;
export const OPINION_ENUM = ['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree'] as const;
export const WINDOWS_INTEGRITY_LEVEL_ENUM = ['low', 'medium', 'high', 'system'] as const;
export const WINDOWS_REGISTRY_DATATYPE_ENUM = [
  'REG_NONE', 'REG_SZ', 'REG_EXPAND_SZ', 'REG_BINARY', 'REG_DWORD', 'REG_DWORD_BIG_ENDIAN', 'REG_DWORD_LITTLE_ENDIAN',
  'REG_LINK', 'REG_MULTI_SZ', 'REG_RESOURCE_LIST', 'REG_FULL_RESOURCE_DESCRIPTION', 'REG_RESOURCE_REQUIREMENTS_LIST',
  'REG_QWORD', 'REG_INVALID_TYPE',
] as const;
export const WINDOWS_SERVICE_START_TYPE_ENUM = [
  'SERVICE_AUTO_START', 'SERVICE_BOOT_START', 'SERVICE_DEMAND_START', 'SERVICE_DISABLED',
  'SERVICE_SYSTEM_ALERT',
] as const;
export const WINDOWS_SERVICE_TYPE_ENUM = [
  'SERVICE_KERNEL_DRIVER', 'SERVICE_FILE_SYSTEM_DRIVER', 'SERVICE_WIN32_OWN_PROCESS',
  'SERVICE_WIN32_SHARE_PROCESS',
] as const;
export const WINDOWS_SERVICE_STATUS_ENUM = [
  'SERVICE_CONTINUE_PENDING', 'SERVICE_PAUSE_PENDING', 'SERVICE_PAUSED', 'SERVICE_RUNNING',
  'SERVICE_START_PENDING', 'SERVICE_STOP_PENDING', 'SERVICE_STOPPED',
] as const;
/** §7.2.1.4: the four TLP 1.0 levels of a `tlp` marking definition. */
export const TLP1_LEVEL_ENUM = ['white', 'green', 'amber', 'red'] as const;

/**
 * Hash value formats, as in the OASIS JSON schemas' hashes-type. Keys outside this table are
 * custom hash names and are not checked.
 */
export const HASH_VALUE_FORMATS: Readonly<Record<string, RegExp>> = {
  MD5: /^[a-fA-F0-9]{32}$/,
  'SHA-1': /^[a-fA-F0-9]{40}$/,
  'SHA-256': /^[a-fA-F0-9]{64}$/,
  'SHA-512': /^[a-fA-F0-9]{128}$/,
  'SHA3-256': /^[a-fA-F0-9]{64}$/,
  'SHA3-512': /^[a-fA-F0-9]{128}$/,
  TLSH: /^(T1)?[a-fA-F0-9]{70}$/,
};
