import { createRng, deriveSeed, type Rng } from '../generate/prng.js';
import { stringNotMatching } from '../generate/regex.js';
import { describeBody, describeRequest, type Exchange } from '../http/client.js';
import { deref, flatten, isObject, type OperationSpec, requiredOf, type Schema } from '../spec/document.js';
import { alternativesOf, isPublic } from '../spec/security.js';
import { oauthBinding, takesForm } from './binding.js';
import type { CaseDefinition } from './case.js';
import { mutates } from './common.js';
import { credentialWith, type SentCredential } from './credential.js';
import { schemaMutations, wrongType } from './mutations.js';
import { issuesOf, planRequest, type RequestPlan, toHttpRequest } from './request.js';

interface Spot {
  readonly parent: Record<string, unknown> | unknown[];
  readonly key: string | number;
  readonly schema: Schema;
  readonly required: boolean;
}

/** Every member and item of a generated value, with the schema that describes it. */
function spots(schema: unknown, value: unknown, out: Spot[] = []): Spot[] {
  const s = flatten(deref(schema));
  if (Array.isArray(value) && s.items !== undefined) {
    value.forEach((item, i) => {
      out.push({ parent: value, key: i, schema: deref(s.items), required: false });
      spots(s.items, item, out);
    });
  } else if (isObject(value) && isObject(s.properties)) {
    const required = new Set(requiredOf(s));
    for (const [name, member] of Object.entries(value as Record<string, unknown>)) {
      const memberSchema = (s.properties as Record<string, unknown>)[name];
      if (memberSchema !== undefined) {
        out.push({
          parent: value as Record<string, unknown>,
          key: name,
          schema: deref(memberSchema),
          required: required.has(name),
        });
        spots(memberSchema, member, out);
      }
    }
  }
  return out;
}

/** Breaks one random place deep inside a JSON body. */
function deepMutation(plan: RequestPlan, op: OperationSpec, rng: Rng): RequestPlan | undefined {
  if (op.body?.mediaType !== 'application/json' || plan.body === undefined) {
    return undefined;
  }
  const body = structuredClone(plan.body);
  const places = spots(op.body.schema, body);
  if (places.length === 0) {
    return undefined;
  }
  const { parent, key, schema, required } = rng.pick(places);
  const NONE = Symbol('none');
  const replacements: (() => unknown)[] = [
    () => wrongType(schema)?.[1] ?? NONE,
    () => (typeof schema.maxLength === 'number' ? 'x'.repeat(schema.maxLength + 1 + rng.int(0, 50)) : NONE),
    () => (typeof schema.pattern === 'string' ? (stringNotMatching(schema.pattern, rng) ?? NONE) : NONE),
    () => (Array.isArray(schema.enum) ? 'not-a-documented-value' : NONE),
    () => (typeof schema.maximum === 'number' ? schema.maximum + rng.int(1, 1000) : NONE),
    () => (typeof schema.minimum === 'number' ? schema.minimum - rng.int(1, 1000) : NONE),
  ];
  const edits: (() => boolean)[] = [
    ...replacements.map((make) => () => {
      const value = make();
      if (value === NONE) {
        return false;
      }
      (parent as Record<string | number, unknown>)[key] = value;
      return true;
    }),
    () => {
      if (!required || Array.isArray(parent)) {
        return false;
      }
      delete (parent as Record<string, unknown>)[key as string];
      return true;
    },
    () => {
      const value = (parent as Record<string | number, unknown>)[key];
      if (!isObject(value) || flatten(schema).additionalProperties !== false) {
        return false;
      }
      (value as Record<string, unknown>).contract_tests_unknown_member = rng.int(0, 9);
      return true;
    },
  ];
  for (const edit of rng.sample(edits, edits.length)) {
    if (edit()) {
      return { ...plan, body };
    }
  }
  return undefined;
}

/** The credentials fuzzing may send: one per API key or token alternative, or none when public. */
function usableAlternatives(op: OperationSpec) {
  return alternativesOf(op).filter((a) => a.kind === 'apiKey' || a.kind === 'bearer');
}

/**
 * The fuzzing case of an operation (issue case 6): `count` requests generated from its schemas,
 * half of them valid, half broken in one random place (a schema-derived mutation or a deep one
 * inside the body). None may get a 5xx or a response the spec does not describe, and none that the
 * validators reject may succeed. Input `i` of operation `op` is generated from the run's seed alone,
 * so a failure is reproduced with the same seed.
 */
export function fuzzCase(op: OperationSpec, count: number): CaseDefinition | undefined {
  const alternatives = usableAlternatives(op);
  if (count <= 0) {
    return undefined;
  }
  const name = `fuzz: ${count} generated inputs, valid and invalid`;
  if (!isPublic(op) && alternatives.length === 0) {
    return {
      operationId: op.operationId,
      name,
      skip: 'the operation takes only credentials the suite cannot make',
      run: async () => {},
    };
  }
  const mutations = schemaMutations(op);
  return {
    operationId: op.operationId,
    name,
    run: async (t) => {
      const bind = takesForm(t) ? await oauthBinding(t) : undefined;
      const credentials = new Map<string, Promise<SentCredential>>();
      const found = new Map<
        string,
        {
          problem: string;
          inputs: number[];
          exchange: Exchange;
          label: string;
          invalid: boolean;
          headers: Record<string, string>;
        }
      >();
      for (let i = 0; i < count; i++) {
        const rng = createRng(deriveSeed(t.ctx.options.seed, `${op.operationId} fuzz ${i}`));
        let credential: SentCredential = { headers: {}, label: 'no credential' };
        if (alternatives.length > 0) {
          const alternative = rng.pick(alternatives);
          const key = `${alternative.kind} ${alternative.scopes.join(' ')}`;
          if (!credentials.has(key)) {
            credentials.set(
              key,
              credentialWith(t, alternative.kind as 'apiKey' | 'bearer', alternative.scopes),
            );
          }
          credential = await credentials.get(key)!;
        }
        const valid = await planRequest(t, op, {
          rng,
          fresh: mutates(op),
          credentialHeaders: isPublic(op),
          ...(bind && rng.chance(0.8) && { bind }),
        });
        let plan = valid;
        let label = 'valid';
        if (rng.chance(0.5)) {
          const useDeep = op.body?.mediaType === 'application/json' && rng.chance(0.5);
          const mutation = mutations.length > 0 ? rng.pick(mutations) : undefined;
          const broken = useDeep ? deepMutation(valid, op, rng) : mutation?.apply(valid, rng);
          if (broken) {
            plan = broken;
            label = useDeep ? 'broken deep in the body' : (mutation?.label ?? 'broken');
          }
        }
        const raw = plan.raw !== undefined;
        const issues = raw ? [] : issuesOf(op, plan);
        const invalid = raw || issues.length > 0;
        // A 429 is a documented answer like any other: fuzzing does not wait it out.
        const exchange = await t.send({
          ...toHttpRequest(op, plan, credential.headers, credential.label),
          retryRateLimited: false,
        });
        const problems = t.problems(exchange, {
          status: op.responses,
          check: (e) =>
            invalid && e.response.status < 300
              ? [
                  `accepted an input the spec rules out (${raw ? label : issues.map((x) => x.message).join('; ')})`,
                ]
              : [],
        });
        for (const problem of problems) {
          // Values that change with every request (counters, ids) do not make a problem new.
          const key = `${exchange.response.status} ${problem.replace(/\(value .*\)$/, '').replace(/\(accepted .*/, '')}`;
          const seen = found.get(key);
          if (seen) {
            seen.inputs.push(i);
          } else {
            found.set(key, { problem, inputs: [i], exchange, label, invalid, headers: plan.headers });
            t.keep(exchange);
          }
        }
      }
      for (const { problem, inputs, exchange, label, invalid, headers } of found.values()) {
        const body = describeBody(exchange.request);
        const sent = Object.entries(headers)
          .map(([name, value]) => ` ${name}: ${value.slice(0, 80)}`)
          .join(';');
        t.fail(
          `${describeRequest(exchange.request)} → ${exchange.response.status}: ${problem}` +
            ` — ${inputs.length} of ${count} inputs (${inputs
              .map((n) => `#${n}`)
              .join(' ')
              .slice(0, 80)}),` +
            ` first #${inputs[0]} (${label === 'valid' ? 'a valid input' : `${label}: ${invalid ? 'invalid' : 'valid'} per the spec`})` +
            `${sent}${body === undefined ? '' : ` body ${body}`}`,
        );
      }
    },
  };
}
