// Targeted audiences (issue 18) in the console: a case's affected products and providers, and match
// strings written one a line as the CLI prints them (`<cpe> from 8.0 before 8.4`). Pure.

const BOUNDS = [
  ['from', 'versionStartIncluding'],
  ['after', 'versionStartExcluding'],
  ['up to', 'versionEndIncluding'],
  ['before', 'versionEndExcluding'],
];

/** `cpe:2.3:a:x:y:*:… before 9.1.3`: a match string on one line. */
export function matchLine(match) {
  return [match.cpe, ...BOUNDS.filter(([, key]) => match[key]).map(([word, key]) => `${word} ${match[key]}`)].join(' ');
}

/** One line back into a match string; null for an empty line. Words the line does not know are left to the hub to refuse. */
export function parseMatchLine(line) {
  const [cpe, ...rest] = line.trim().split(/\s+/);
  if (!cpe) return null;
  const match = { cpe };
  const words = rest.join(' ');
  for (const [word, key] of BOUNDS) {
    const found = new RegExp(`(?:^|\\s)${word}\\s+(\\S+)`).exec(words);
    if (found) match[key] = found[1];
  }
  return match;
}

/** The products and providers a case's incident objects name as affected (x_isac_affected_products, x_isac_affected_providers). */
export function caseTargets(bundle) {
  const products = new Map();
  const providers = new Set();
  for (const o of (bundle?.objects ?? []).filter((x) => x?.type === 'incident')) {
    for (const item of Array.isArray(o.x_isac_affected_products) ? o.x_isac_affected_products : []) {
      const match = typeof item === 'string' ? { cpe: item } : item && typeof item.cpe === 'string' ? { cpe: item.cpe } : null;
      if (!match) continue;
      for (const [, key] of BOUNDS) if (typeof item[key] === 'string') match[key] = item[key];
      products.set(JSON.stringify(match), match);
    }
    for (const p of Array.isArray(o.x_isac_affected_providers) ? o.x_isac_affected_providers : [])
      if (typeof p === 'string' && p.trim()) providers.add(p.trim());
  }
  return { products: [...products.values()], dependsOn: [...providers] };
}

/** What of the reader's own register matched, as a sentence ("Grid control remote access runs …; depends on fabrikam"). */
export function matchedText(m) {
  const what = [m.products.length ? `runs ${m.products.join(', ')}` : '', m.dependsOn.length ? `depends on ${m.dependsOn.join(', ')}` : ''];
  return `${m.entry} ${what.filter(Boolean).join('; ')}`;
}
