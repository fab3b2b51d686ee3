#!/usr/bin/env node
// Validates rendered Kubernetes manifests (multi-document YAML, e.g. `kubectl kustomize k8s/base`).
//
//   kubectl kustomize k8s/base | node tests/k8s/validate.mjs [file.yaml]
//
// Reads the file named as the first argument, or stdin. Every object is checked against the Kubernetes
// OpenAPI schema of its apiVersion/kind (npm package kubernetes-models, its validate()), then against the
// RobustFT deployment rules below. Exit code 0 when all objects pass; 1 with one line per problem otherwise;
// 2 when the validator itself cannot run (dependencies missing, unreadable input).
//
// Dependencies (kubernetes-models, yaml; versions in tests/k8s/package.json) are loaded from
// $ROBUSTFT_K8S_NODE_MODULES, default <repo>/.cache/npm-k8s/node_modules (scripts/install-k8s-tools.sh).
//
// RobustFT rules:
//  - every container (and init container) of a workload has resources.requests and resources.limits;
//  - every container of a Deployment/StatefulSet has a liveness and a readiness probe; ours (image robustft*)
//    probe GET /healthz (liveness) and GET /readyz (readiness), and run as non-root;
//  - there is a GPU worker StatefulSet (a container started with `--roles` including gpu) and each of its
//    containers has resources.limits["nvidia.com/gpu"] >= 1;
//  - no literal secret: no Secret object with data, no env var named like a password/token/secret with a
//    literal value (it must come from valueFrom);
//  - every ConfigMap/Secret/PVC a pod mounts from the rendered set is in the rendered set (Secrets excepted:
//    they are created out of band);
//  - Akka.NET cluster nodes (our containers started with `--roles`) run in StatefulSets whose serviceName is a
//    rendered headless Service (clusterIP None, publishNotReadyAddresses, selecting the pods), expose the remoting
//    port (containerPort named `remoting`), take ROBUSTFT_PUBLIC_HOSTNAME = $(POD_NAME).<service>.… with POD_NAME
//    from metadata.name, and name at least one seed; every ROBUSTFT_SEED_NODE_* is <statefulset>-<i>.<service>.…:<port>
//    of a rendered node StatefulSet (i < replicas, its serviceName, its remoting port).

import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..", "..");
const nodeModules = process.env.ROBUSTFT_K8S_NODE_MODULES ?? join(repoRoot, ".cache", "npm-k8s", "node_modules");

function fatal(message) {
  console.error(`validate.mjs: ${message}`);
  process.exit(2);
}

if (!existsSync(join(nodeModules, "kubernetes-models")) || !existsSync(join(nodeModules, "yaml"))) {
  fatal(`kubernetes-models and yaml are not installed in ${nodeModules}: run scripts/install-k8s-tools.sh`);
}

const YAML = createRequire(join(nodeModules, "noop.js"))("yaml");

let text;
try {
  text = process.argv[2] ? readFileSync(process.argv[2], "utf8") : readFileSync(0, "utf8");
} catch (e) {
  fatal(`cannot read input: ${e.message}`);
}

const problems = [];
const objects = [];

for (const doc of YAML.parseAllDocuments(text)) {
  if (doc.errors.length > 0) {
    for (const err of doc.errors) problems.push(`YAML: ${err.message}`);
    continue;
  }
  const obj = doc.toJS();
  if (obj === null || obj === undefined) continue; // empty document
  objects.push(obj);
}

if (objects.length === 0 && problems.length === 0) {
  problems.push("input: no Kubernetes objects found");
}

const workloadKinds = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet"]);
const secretLikeName = /PASS|TOKEN|SECRET|CREDENTIAL|API_?KEY|PRIVATE_?KEY/i;
const apiVersionPattern = /^(v1|[a-z0-9.-]+\/v[0-9a-z]+)$/;
const kindPattern = /^[A-Z][A-Za-z0-9]*$/;

const ident = (obj) =>
  `${obj?.kind ?? "<no kind>"}/${obj?.metadata?.name ?? "<no name>"}` +
  (obj?.metadata?.namespace ? ` (namespace ${obj.metadata.namespace})` : "");

async function schemaClass(apiVersion, kind) {
  if (typeof apiVersion !== "string" || !apiVersionPattern.test(apiVersion)) return { error: `bad apiVersion ${JSON.stringify(apiVersion)}` };
  if (typeof kind !== "string" || !kindPattern.test(kind)) return { error: `bad kind ${JSON.stringify(kind)}` };
  const index = join(nodeModules, "kubernetes-models", ...apiVersion.split("/"), "index.js");
  if (!existsSync(index)) return { error: `no schema for apiVersion ${apiVersion}` };
  const module = await import(pathToFileURL(index).href);
  const cls = module[kind];
  if (typeof cls !== "function") return { error: `no schema for kind ${kind} in ${apiVersion}` };
  return { cls };
}

function schemaErrors(cls, obj) {
  try {
    new cls(obj).validate();
    return [];
  } catch (e) {
    if (Array.isArray(e.errors) && e.errors.length > 0) {
      return e.errors.map((x) => `${x.instancePath || "/"} ${x.message}${x.params?.additionalProperty ? ` (${x.params.additionalProperty})` : ""}`);
    }
    return [e.message];
  }
}

const isOurs = (container) => typeof container.image === "string" && /^([^/]+\/)*robustft[^/:]*(:|@|$)/.test(container.image);

function rolesOf(container) {
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  const i = argv.indexOf("--roles");
  if (i >= 0 && typeof argv[i + 1] === "string") return argv[i + 1].split(",").map((r) => r.trim());
  const joined = argv.find((a) => typeof a === "string" && a.startsWith("--roles="));
  return joined ? joined.slice("--roles=".length).split(",").map((r) => r.trim()) : [];
}

const byKind = (kind) => new Set(objects.filter((o) => o?.kind === kind).map((o) => `${o.metadata?.namespace ?? ""}/${o.metadata?.name}`));
const configMaps = byKind("ConfigMap");
const claims = byKind("PersistentVolumeClaim");
const named = (kind, ns, name) => objects.find((o) => o?.kind === kind && (o.metadata?.namespace ?? "") === ns && o.metadata?.name === name);
let gpuWorkers = 0;

const remotingPort = (container) => (container.ports ?? []).find((p) => p.name === "remoting")?.containerPort;
const nodeContainer = (obj) => (obj?.spec?.template?.spec?.containers ?? []).find((c) => isOurs(c) && rolesOf(c).length > 0);
const envValue = (container, name) => (container.env ?? []).find((e) => e.name === name);

function checkClusterNode(obj, c, where, report) {
  const ns = obj.metadata?.namespace ?? "";
  if (obj.kind !== "StatefulSet") {
    report(`${where}: a cluster node must run in a StatefulSet (stable DNS name for its address and the seed list), not a ${obj.kind}`);
    return;
  }
  const serviceName = obj.spec?.serviceName;
  const service = named("Service", ns, serviceName);
  if (!service) {
    report(`serviceName ${serviceName}: no such Service in the rendered set`);
  } else {
    if (service.spec?.clusterIP !== "None") report(`serviceName ${serviceName}: the Service is not headless (clusterIP: None)`);
    if (service.spec?.publishNotReadyAddresses !== true) {
      report(`serviceName ${serviceName}: the Service must publishNotReadyAddresses (a joining node is not ready yet)`);
    }
    const labels = obj.spec?.template?.metadata?.labels ?? {};
    const selector = service.spec?.selector ?? {};
    if (Object.keys(selector).length === 0 || Object.entries(selector).some(([k, v]) => labels[k] !== v)) {
      report(`serviceName ${serviceName}: the Service's selector does not select this StatefulSet's pods`);
    }
  }
  if (remotingPort(c) === undefined) report(`${where}: no containerPort named remoting (the Akka.NET cluster port)`);

  const podName = envValue(c, "POD_NAME");
  if (podName?.valueFrom?.fieldRef?.fieldPath !== "metadata.name") report(`${where}: env POD_NAME must come from fieldRef metadata.name`);
  const publicHostname = envValue(c, "ROBUSTFT_PUBLIC_HOSTNAME")?.value;
  if (typeof publicHostname !== "string" || !publicHostname.startsWith(`$(POD_NAME).${serviceName}.`)) {
    report(`${where}: env ROBUSTFT_PUBLIC_HOSTNAME must be $(POD_NAME).${serviceName}.<namespace>.svc.cluster.local (the pod's DNS name)`);
  }

  const seeds = (c.env ?? []).filter((e) => /^ROBUSTFT_SEED_NODE_\d+$/.test(e.name ?? ""));
  if (seeds.length === 0) report(`${where}: no seed node (env ROBUSTFT_SEED_NODE_1 ...)`);
  for (const seed of seeds) {
    const m = /^([a-z0-9-]+)-(\d+)\.([a-z0-9-]+)\.[^:]+:(\d+)$/.exec(seed.value ?? "");
    const problem = (why) => report(`${where}: env ${seed.name} = ${JSON.stringify(seed.value)} ${why}`);
    if (!m) {
      problem("is not <statefulset>-<i>.<service>.<namespace>...:<port>");
      continue;
    }
    const [, setName, index, seedService, port] = m;
    const target = named("StatefulSet", ns, setName);
    const targetNode = nodeContainer(target);
    if (!target || !targetNode) {
      problem(`names StatefulSet ${setName}, which is not a rendered cluster node StatefulSet`);
      continue;
    }
    if (Number(index) >= (target.spec?.replicas ?? 1)) problem(`names pod ${index}, but ${setName} has ${target.spec?.replicas ?? 1} replica(s)`);
    if (seedService !== target.spec?.serviceName) problem(`names service ${seedService}, but ${setName}'s pods are under ${target.spec?.serviceName}`);
    if (Number(port) !== remotingPort(targetNode)) problem(`names port ${port}, but ${setName} remotes on ${remotingPort(targetNode)}`);
  }
}

function checkWorkload(obj, report) {
  const pod = obj.spec?.template?.spec;
  if (!pod) return;
  const ns = obj.metadata?.namespace ?? "";
  const containers = [...(pod.initContainers ?? []).map((c) => ["init container", c]), ...(pod.containers ?? []).map((c) => ["container", c])];
  const probed = obj.kind === "Deployment" || obj.kind === "StatefulSet";

  for (const [what, c] of containers) {
    const where = `${what} ${c.name ?? "<no name>"}`;
    const res = c.resources ?? {};
    if (!res.requests || Object.keys(res.requests).length === 0) report(`${where}: no resources.requests`);
    if (!res.limits || Object.keys(res.limits).length === 0) report(`${where}: no resources.limits`);
    if (!c.image) report(`${where}: no image`);

    for (const env of c.env ?? []) {
      if (secretLikeName.test(env.name ?? "") && env.value !== undefined) {
        report(`${where}: env ${env.name} has a literal value; take it from a Secret (valueFrom.secretKeyRef)`);
      }
    }

    if (what !== "container") continue;
    if (probed && !c.livenessProbe) report(`${where}: no livenessProbe`);
    if (probed && !c.readinessProbe) report(`${where}: no readinessProbe`);

    if (isOurs(c)) {
      if (probed && c.livenessProbe && c.livenessProbe.httpGet?.path !== "/healthz") report(`${where}: livenessProbe must be GET /healthz`);
      if (probed && c.readinessProbe && c.readinessProbe.httpGet?.path !== "/readyz") report(`${where}: readinessProbe must be GET /readyz`);
      const nonRoot = c.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
      if (nonRoot !== true) report(`${where}: runAsNonRoot is not true`);
      if (c.securityContext?.runAsUser === 0 || (c.securityContext?.runAsUser === undefined && pod.securityContext?.runAsUser === 0)) {
        report(`${where}: runs as user 0`);
      }
    }

    if (isOurs(c) && rolesOf(c).length > 0) checkClusterNode(obj, c, where, report);

    if (rolesOf(c).includes("gpu")) {
      if (obj.kind === "StatefulSet") gpuWorkers++;
      const gpus = Number(res.limits?.["nvidia.com/gpu"] ?? 0);
      if (!(gpus >= 1)) report(`${where}: runs the gpu role but has no resources.limits["nvidia.com/gpu"] >= 1`);
    }
  }

  for (const v of pod.volumes ?? []) {
    if (v.configMap && !configMaps.has(`${ns}/${v.configMap.name}`)) report(`volume ${v.name}: ConfigMap ${v.configMap.name} is not in the rendered set`);
    if (v.persistentVolumeClaim && !claims.has(`${ns}/${v.persistentVolumeClaim.claimName}`)) {
      report(`volume ${v.name}: PersistentVolumeClaim ${v.persistentVolumeClaim.claimName} is not in the rendered set`);
    }
  }
}

for (const obj of objects) {
  const id = ident(obj);
  const report = (message) => problems.push(`${id}: ${message}`);

  if (typeof obj !== "object" || Array.isArray(obj)) {
    problems.push(`${id}: not a Kubernetes object`);
    continue;
  }
  const { cls, error } = await schemaClass(obj.apiVersion, obj.kind);
  if (error) {
    report(error);
    continue;
  }
  for (const e of schemaErrors(cls, obj)) report(`schema: ${e}`);

  if (obj.kind === "Secret" && (Object.keys(obj.data ?? {}).length > 0 || Object.keys(obj.stringData ?? {}).length > 0)) {
    report("a Secret with literal values is rendered; create robustft-secrets out of band (k8s/base/secret.example.yaml)");
  }
  if (workloadKinds.has(obj.kind)) checkWorkload(obj, report);
}

if (objects.length > 0 && gpuWorkers === 0) {
  problems.push("no GPU worker StatefulSet (a container with --roles including gpu) in the rendered set");
}

if (problems.length > 0) {
  console.error(`INVALID: ${problems.length} problem(s) in ${objects.length} object(s):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
const kinds = {};
for (const o of objects) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
console.log(`OK: ${objects.length} object(s) valid (${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(", ")})`);
