import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { parseAllDocuments, parse } from 'yaml';
import { AppConfig, loadConfig } from '@isac/config';

/**
 * ops/k8s against the Kubernetes OpenAPI schemas (kubernetes-models: the API's own JSON schemas
 * compiled to validators), then against the hub: the image's commands, its probes, its config.
 */
const dir = path.resolve('ops/k8s');
type Manifest = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; [key: string]: any };

const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

const kustomization = parse(readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')) as { resources: string[]; images: { name: string }[] };
const manifests: Manifest[] = kustomization.resources.flatMap((file) =>
  parseAllDocuments(readFileSync(path.join(dir, file), 'utf8')).map((doc) => doc.toJS() as Manifest),
);
const find = (kind: string, name: string) => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in ops/k8s`);
  return found;
};
const validate = (manifest: Manifest) => {
  const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
  if (!Model) throw new Error(`${manifest.apiVersion} ${manifest.kind} has no schema here`);
  new Model(manifest).validate();
};
const workloads = () => [find('Deployment', 'isac-hub-api'), find('Deployment', 'isac-hub-worker'), find('Job', 'isac-hub-migrate')];
const container = (workload: Manifest) => workload.spec.template.spec.containers[0];
const configMap = () => find('ConfigMap', 'isac-hub-config').data as Record<string, string>;
const secret = () => find('Secret', 'isac-hub-secrets').stringData as Record<string, string>;

describe('ops/k8s', () => {
  it('kustomization lists every manifest of the folder, and each parses', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').sort();
    expect([...kustomization.resources].sort()).toEqual(files);
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
      'ConfigMap/isac-hub-config',
      'Deployment/isac-hub-api',
      'Deployment/isac-hub-worker',
      'Job/isac-hub-migrate',
      'PodDisruptionBudget/isac-hub-api',
      'PodDisruptionBudget/isac-hub-worker',
      'Secret/isac-hub-secrets',
      'Service/isac-hub-api',
    ]);
  });

  it.each(manifests.map((m) => [`${m.kind}/${m.metadata.name}`, m] as const))('%s is valid against the Kubernetes schema', (_, manifest) => {
    expect(() => validate(manifest)).not.toThrow();
  });

  it('the schema check fails on a planted mistake', () => {
    const broken = structuredClone(find('Deployment', 'isac-hub-api'));
    broken.spec.replicas = 'two';
    expect(() => validate(broken)).toThrow(/replicas/);
    const noSelector = structuredClone(find('Deployment', 'isac-hub-worker'));
    delete noSelector.spec.selector;
    expect(() => validate(noSelector)).toThrow(/selector/);
  });

  it('every workload runs the image of ops/Dockerfile with one of its entrypoint commands', () => {
    const entrypoint = readFileSync(path.resolve('ops/docker-entrypoint.sh'), 'utf8');
    const commands = [...entrypoint.matchAll(/^\s+([a-z]+)\)\s/gm)].map((m) => m[1]);
    expect(commands).toEqual(expect.arrayContaining(['api', 'worker', 'setup']));
    expect(kustomization.images.map((i) => i.name)).toEqual(['isac-hub']);
    expect(workloads().map((w) => [container(w).image, container(w).args])).toEqual([
      ['isac-hub', ['api']],
      ['isac-hub', ['worker']],
      ['isac-hub', ['setup']],
    ]);
    for (const workload of workloads()) {
      expect(container(workload).envFrom).toEqual([{ configMapRef: { name: 'isac-hub-config' } }, { secretRef: { name: 'isac-hub-secrets' } }]);
      // the image's user (node, 1000): nothing runs as root
      expect(workload.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    }
  });

  it.each([
    ['isac-hub-api', 'PORT', 'http'],
    ['isac-hub-worker', 'WORKER_HEALTH_PORT', 'health'],
  ])('%s is probed on the hub health endpoints at the port its config opens (%s)', (name, variable, portName) => {
    const c = container(find('Deployment', name));
    expect(c.ports).toEqual([{ name: portName, containerPort: Number(configMap()[variable]) }]);
    expect(c.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: portName });
    expect(c.livenessProbe.httpGet).toEqual({ path: '/health/live', port: portName });
  });

  it('the Service and the disruption budgets select exactly the pods of their Deployment', () => {
    const podLabels = (name: string) => find('Deployment', name).spec.template.metadata.labels;
    const service = find('Service', 'isac-hub-api');
    expect(service.spec.selector).toEqual(podLabels('isac-hub-api'));
    expect(service.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http' }]);
    for (const name of ['isac-hub-api', 'isac-hub-worker']) {
      const deployment = find('Deployment', name);
      expect(deployment.spec.selector.matchLabels).toEqual(podLabels(name));
      const budget = find('PodDisruptionBudget', name);
      expect(budget.spec.selector.matchLabels).toEqual(podLabels(name));
      expect(budget.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
    }
    expect(podLabels('isac-hub-api')).not.toEqual(podLabels('isac-hub-worker'));
  });

  it('the config names only variables the hub reads, and the placeholder secrets are refused at boot', () => {
    const known = Object.keys(new AppConfig());
    for (const variable of [...Object.keys(configMap()), ...Object.keys(secret())]) expect([variable, known.includes(variable)]).toEqual([variable, true]);
    expect(() => loadConfig({ ...configMap(), ...secret() })).toThrow(/WEBHOOK_SECRET_KEY="\(hidden\)"/);
    const keys = { WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'), CURSOR_SECRET_KEY: randomBytes(32).toString('base64') };
    const config = loadConfig({ ...configMap(), ...secret(), ...keys });
    expect([config.NODE_ENV, config.PORT, config.WORKER_HEALTH_PORT]).toEqual(['production', 3000, 3001]);
  });
});
