import { parsePattern } from './pattern.parser.js';

// Examples from STIX 2.1 §9 (Patterning) and the indicator examples of §4.7.
const GOOD = [
  "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
  "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
  "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']",
  "[domain-name:value = 'www.5z8.info' OR domain-name:value = 'www.mysubdomain.5z8.info']",
  "[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128']",
  "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Run'] WITHIN 120 SECONDS",
  "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008'] AND [user-account:account_login = 'Mary']",
  "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']",
  "[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']",
  "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
  "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']",
  "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
  "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
  "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
  "[(file:name = 'pdf.exe' OR file:size = '371712') AND file:created = t'2014-01-13T07:03:17Z']",
  "[x-usb-device:usbdrive.serial_number = '575833344E3835303537393736']",
  "[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS",
  "[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']",
  "[ipv4-addr:value ISSUPERSET '198.51.100.0/24']",
  "([file:name = 'foo.dll'] AND [process:name = 'bar.exe']) OR [process:name = 'fizzbang.exe'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00.123Z'",
  "[file:size IN (1, 2, 3)] AND [file:name NOT IN ('a.exe', 'b.exe')]",
  "[file:name NOT = 'good.exe' AND file:size != 10 AND file:size <= 9 AND file:size >= -1 AND file:size < +5.5]",
  "[file:name LIKE 'inv%.pdf' AND file:name NOT MATCHES '^ok']",
  "[EXISTS windows-registry-key:values] AND [NOT EXISTS file:hashes.MD5]",
  "[artifact:payload_bin = b'iVBORw0KGgo='] OR [file:x_flag = true] OR [file:x_flag = false]",
  "[file:name = 'it\\'s'] /* a comment */ OR [file:name = 'c:\\\\temp'] // trailing comment",
  "[network-traffic:protocols[0] = 'tcp' AND network-traffic:'x-quoted'.field = 'y']",
  "((([file:name = 'a'])))",
];

describe('parsePattern: valid patterns', () => {
  it.each(GOOD.map((p) => [p]))('%s', (pattern) => {
    const result = parsePattern(pattern);
    if (!result.ok) throw new Error(`${result.error.message} at ${result.error.position}`);
    expect(result.ok).toBe(true);
  });
});

describe('parsePattern: invalid patterns with positions', () => {
  const deep = '('.repeat(150) + "[file:name = 'a']" + ')'.repeat(150);
  it.each([
    ['', 0, /expected '\[' or '\('/],
    ["file:name = 'a'", 0, /expected '\[' or '\('/],
    ["[file:name = 'a'", 16, /expected '\]'/],
    ["[file:name = 'a'] AND", 21, /end of the pattern/],
    ["[file:name == 'a']", 12, /literal/],
    ["[file:name = 'a' AND]", 20, /object type/],
    ["[file:size > true]", 13, /booleans/],
    ["[file:name = 'unterminated]", 13, /unterminated string/],
    ["[file:name = 'a\\x']", 15, /invalid escape/],
    ["[file:created = t'2016-13-01T00:00:00Z']", 16, /timestamp/],
    ["[file:created = t'2016-01-01 00:00:00']", 16, /timestamp/],
    ["[file:magic_number_hex = h'abc']", 25, /hex/],
    ["[artifact:payload_bin = b'@@@']", 24, /base64/],
    ["[file:name = 'a'] WITHIN 0 SECONDS", 25, /positive/],
    ["[file:name = 'a'] WITHIN 5", 26, /SECONDS/],
    ["[file:name = 'a'] REPEATS 2", 27, /TIMES/],
    ["[file:name = 'a'] REPEATS 1.5 TIMES", 26, /positive integer/],
    ["[file:name = 'a'] START t'2016-01-01T00:00:00Z' STOP t'2015-01-01T00:00:00Z'", 53, /STOP/],
    ["[file:windows-pebinary-ext.x = 1]", 6, /quoted/],
    ["[file:name = 'a'] $", 18, /unexpected character/],
    ["[file:name = 'a'] /* open", 18, /unterminated comment/],
    ["[file:name IN 'a']", 14, /'\('/],
    ["[file:name LIKE 5]", 16, /string literal/],
    ["[file:hashes[x] = 'a']", 13, /list index/],
    ["[file:name = 'a'] [file:name = 'b']", 18, /AND, OR, FOLLOWEDBY/],
    ["[]", 1, /object type/],
    [deep, 100, /nesting/],
  ])('%j fails at %i', (pattern, position, message) => {
    const result = parsePattern(pattern);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.position).toBe(position);
    expect(result.error.message).toMatch(message);
  });

  it('refuses non-strings', () => {
    expect(parsePattern(42)).toMatchObject({ ok: false, error: { position: 0 } });
  });
});

describe('parsePattern: one object type per AND (§9)', () => {
  it.each([
    ["[file:name = 'a' AND ipv4-addr:value = '1.2.3.4']", 21, 'ipv4-addr'],
    ["[(file:name = 'a' OR url:value = 'x') AND file:size = 3]", 42, 'file'],
    ["[file:name = 'a' AND (file:size = 3 OR url:value = 'x')]", 39, 'url'],
  ])('%s is refused at %i', (pattern, position, type) => {
    const result = parsePattern(pattern);
    expect(result).toMatchObject({ ok: false, error: { kind: 'mixed-types', position } });
    if (!result.ok) expect(result.error.message).toContain(`'${type}'`);
  });

  it('allows different types joined by OR, and by AND between observations', () => {
    expect(parsePattern("[file:name = 'a' OR url:value = 'x']").ok).toBe(true);
    expect(parsePattern("[file:name = 'a'] AND [url:value = 'x']").ok).toBe(true);
  });
});

describe('parsePattern: syntax tree', () => {
  it('builds observations, operators, qualifiers, paths and literals with positions', () => {
    const result = parsePattern("[file:hashes.'SHA-256' = 'ab' AND file:x[*] IN (1, 2.5)] FOLLOWEDBY [url:value != 'u'] WITHIN 60 SECONDS");
    expect(result).toEqual({
      ok: true,
      ast: {
        kind: 'followedby',
        position: 0,
        left: {
          kind: 'observation',
          position: 0,
          comparison: {
            kind: 'and',
            position: 1,
            left: {
              kind: 'comparison',
              position: 1,
              negated: false,
              operator: '=',
              path: { objectType: 'file', position: 1, steps: [{ kind: 'property', name: 'hashes' }, { kind: 'property', name: 'SHA-256' }] },
              value: { type: 'string', value: 'ab', position: 25 },
            },
            right: {
              kind: 'comparison',
              position: 34,
              negated: false,
              operator: 'IN',
              path: { objectType: 'file', position: 34, steps: [{ kind: 'property', name: 'x' }, { kind: 'index', index: '*' }] },
              value: [
                { type: 'int', value: 1, position: 48 },
                { type: 'float', value: 2.5, position: 51 },
              ],
            },
          },
        },
        right: {
          kind: 'qualified',
          position: 68,
          qualifier: { kind: 'within', seconds: 60, position: 87 },
          expression: {
            kind: 'observation',
            position: 68,
            comparison: {
              kind: 'comparison',
              position: 69,
              negated: false,
              operator: '!=',
              path: { objectType: 'url', position: 69, steps: [{ kind: 'property', name: 'value' }] },
              value: { type: 'string', value: 'u', position: 82 },
            },
          },
        },
      },
    });
  });

  it('decodes string escapes and keeps timestamp, hex and binary text', () => {
    const result = parsePattern("[file:name = 'it\\'s \\\\ ok' AND file:ctime = t'2016-01-01T00:00:00Z' AND file:magic_number_hex = h'ffd8' AND file:x = b'AAEC']");
    expect(result.ok).toBe(true);
    const values: unknown[] = [];
    const walk = (n: unknown): void => {
      if (n && typeof n === 'object') {
        if ('type' in n && 'value' in n) values.push({ type: (n as { type: unknown }).type, value: (n as { value: unknown }).value });
        Object.values(n).forEach(walk);
      }
    };
    if (result.ok) walk(result.ast);
    expect(values).toEqual([
      { type: 'string', value: "it's \\ ok" },
      { type: 'timestamp', value: '2016-01-01T00:00:00Z' },
      { type: 'hex', value: 'ffd8' },
      { type: 'binary', value: 'AAEC' },
    ]);
  });
});
