import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { SHUTDOWN_GRACE_MS } from '../../src/app.js';
import { ROOT } from '../process/app-process.js';

/**
 * The plain Kubernetes manifests in deploy/kubernetes, parsed and checked structurally: what
 * keeps a replica healthy, unprivileged, bounded and drained, and secrets out of the files.
 */
const DIR = join(ROOT, 'deploy/kubernetes');
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function load(file: string): Doc[] {
  const docs = parseAllDocuments(readFileSync(join(DIR, file), 'utf8'));
  for (const doc of docs) expect(doc.errors, `${file}: ${doc.errors.join('; ')}`).toEqual([]);
  return docs.map((d) => d.toJS() as Doc).filter(Boolean);
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
const all = files.flatMap((file) => load(file).map((doc) => ({ file, doc })));
const one = (kind: string) => {
  const found = all.filter((m) => m.doc.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!.doc;
};

const kustomization = one('Kustomization');
const deployment = one('Deployment');
const pod = deployment.spec.template.spec;
const container = pod.containers[0];
const cpu = (v: string) => (v.endsWith('m') ? Number(v.slice(0, -1)) / 1000 : Number(v));
const mib = (v: string) => Number(v.replace(/Mi$/, ''));

describe('deploy/kubernetes', () => {
  it('parses every manifest, and kustomization lists all but the secret example', () => {
    expect(files.sort()).toEqual(
      [
        'configmap.yaml',
        'deployment.yaml',
        'hpa.yaml',
        'kustomization.yaml',
        'pdb.yaml',
        'secret.example.yaml',
        'service.yaml',
      ].sort(),
    );
    for (const { file, doc } of all) {
      expect(doc.apiVersion, file).toBeTruthy();
      expect(doc.kind, file).toBeTruthy();
    }
    expect([...kustomization.resources].sort()).toEqual(
      files.filter((f) => f !== 'kustomization.yaml' && f !== 'secret.example.yaml').sort(),
    );
  });

  it('selects the pods it labels, in Deployment, Service and PodDisruptionBudget', () => {
    const labels = deployment.spec.template.metadata.labels;
    for (const selector of [
      deployment.spec.selector.matchLabels,
      one('Service').spec.selector,
      one('PodDisruptionBudget').spec.selector.matchLabels,
    ])
      for (const [key, value] of Object.entries(selector)) expect(labels[key]).toBe(value);
  });

  it('probes /healthz for readiness and liveness on the container port', () => {
    const port = container.ports.find((p: Doc) => p.name === 'http');
    expect(port.containerPort).toBe(3000);
    for (const probe of [container.readinessProbe, container.livenessProbe]) {
      expect(probe.httpGet.path).toBe('/healthz');
      expect([port.name, port.containerPort]).toContain(probe.httpGet.port);
    }
    const config = one('ConfigMap');
    expect(String(config.data.PORT)).toBe(String(port.containerPort));
  });

  it('runs as non-root with a read-only root filesystem and no privileges', () => {
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
    expect(container.securityContext.capabilities.drop).toContain('ALL');
    expect(pod.automountServiceAccountToken).toBe(false);
    // Nothing writable is mounted: the app writes nothing to disk.
    expect(container.volumeMounts ?? []).toEqual([]);
  });

  it('takes the Slack token and signing secret from a Secret, and no file holds a real one', () => {
    const fromSecret = Object.fromEntries(
      (container.env as Doc[])
        .filter((e) => e.valueFrom?.secretKeyRef)
        .map((e) => [e.name, e.valueFrom.secretKeyRef]),
    );
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']) {
      expect(fromSecret[name]?.name).toBe('conduct-nudge');
      expect(fromSecret[name]?.key).toBe(name);
    }
    for (const e of container.env as Doc[]) expect(e.value, e.name).toBeUndefined();
    const secret = one('Secret');
    for (const value of Object.values(secret.stringData as Record<string, string>))
      expect(value).toMatch(/REPLACE-ME/);
    for (const file of files)
      expect(readFileSync(join(DIR, file), 'utf8')).not.toMatch(/xox[abpre]-(?!REPLACE|\.\.\.)|xapp-\d/);
    for (const key of Object.keys(one('ConfigMap').data))
      expect(key).not.toMatch(/TOKEN|SECRET|KEY|DATABASE/);
  });

  it('sets CPU and memory requests and limits, with the benchmark they come from', () => {
    const { requests, limits } = container.resources;
    expect(requests).toEqual({ cpu: '100m', memory: '160Mi' });
    expect(limits).toEqual({ cpu: '1', memory: '256Mi' });
    expect(cpu(limits.cpu)).toBeGreaterThan(cpu(requests.cpu));
    // The benchmark's worst RSS after 150 unauthenticated 1 MiB bodies (145 MB) fits under the
    // request; the heap limit (192 MB of old space) under the limit.
    expect(mib(requests.memory) * 1.048576).toBeGreaterThanOrEqual(145);
    expect(mib(limits.memory) * 1.048576).toBeGreaterThanOrEqual(192);
    expect(readFileSync(join(DIR, 'deployment.yaml'), 'utf8')).toMatch(/benchmark[\s\S]*RSS is about 109 MB/);
  });

  it('gives the app longer than its drain to stop', () => {
    const preStop = container.lifecycle?.preStop?.exec?.command ?? [];
    const pause = preStop[0] === 'sleep' ? Number(preStop[1]) : 0;
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(SHUTDOWN_GRACE_MS / 1000 + pause);
  });

  it('rolls out without dropping below the current replicas', () => {
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    // The HPA owns the replica count; a fixed one would be reset by every apply.
    expect(deployment.spec.replicas).toBeUndefined();
  });

  it('has a ClusterIP Service to the http port', () => {
    const service = one('Service');
    expect(service.spec.ports[0].targetPort).toBe('http');
  });

  it('scales on CPU at 70% with autoscaling/v2, from at least 2 replicas', () => {
    const hpa = one('HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: deployment.metadata.name });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    expect(hpa.spec.metrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
      },
    ]);
  });

  it('keeps one pod through voluntary disruptions', () => {
    const pdb = one('PodDisruptionBudget');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec.minAvailable).toBe(1);
  });
});
