import fc from 'fast-check';
import type { DeclaredRoute } from '../http/roles.js';
import { type AddressableRows, addressOf, routeLabel } from './route-walk.js';

/** The part of the OpenAPI document (served at /docs, generated from the contract schemas) read here. */
export interface JsonSchema {
  readonly type?: string | string[];
  readonly anyOf?: JsonSchema[];
  /** A discriminated union (`bars` of a simulation): one member per kind. */
  readonly oneOf?: JsonSchema[];
  readonly nullable?: boolean;
  readonly enum?: unknown[];
  readonly properties?: Record<string, JsonSchema>;
  readonly additionalProperties?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxLength?: number;
  readonly format?: string;
}
export interface Operation {
  readonly parameters?: { name: string; in: string; schema: JsonSchema }[];
  readonly requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
export type OpenApiPaths = Record<string, Record<string, Operation>>;

/** Every kind of bad input generated here (a test can check that each was sent). */
export const BAD_INPUT_KINDS = [
  'body: not an object',
  'body: an unknown key',
  'body: a field of the wrong type',
  'body: where none is taken',
  'body: not JSON',
  'body: not JSON content',
  'query: an invalid value',
  'path: names nothing',
  'ignored: takes no input',
] as const;
export type BadInputKind = (typeof BAD_INPUT_KINDS)[number];

/** One generated request carrying bad input, and whether the route must refuse it or may ignore it. */
export interface BadRequest {
  readonly kind: BadInputKind;
  readonly expect: 'refused' | 'ignored';
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload?: string;
}

export function operationOf(paths: OpenApiPaths, route: DeclaredRoute): Operation {
  const op = paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
  if (!op) throw new Error(`${routeLabel(route)} is missing from the OpenAPI document`);
  return op;
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const letters = fc.stringMatching(/^[a-z]{1,12}$/); // never a number, a date or an enum value
const anyJson = fc.jsonValue({ maxDepth: 2 });
const VALUES_OF_TYPE: Record<string, fc.Arbitrary<unknown>> = {
  string: fc.string(),
  number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  boolean: fc.boolean(),
  null: fc.constant(null),
  object: fc.dictionary(letters, anyJson, { maxKeys: 3 }),
  array: fc.array(anyJson, { maxLength: 3 }),
};

/**
 * The JSON types a schema accepts (`integer` counted as `number`), or null when it does not say. A union
 * (`anyOf`, or `oneOf` for a discriminated one) accepts what any of its members does.
 */
function typesOf(schema: JsonSchema): Set<string> | null {
  const types = new Set([schema.type ?? []].flat().map((t) => (t === 'integer' ? 'number' : t)));
  for (const member of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    const inner = typesOf(member);
    if (!inner) return null;
    for (const t of inner) types.add(t);
  }
  if (schema.nullable) types.add('null');
  return types.size > 0 ? types : null;
}

/** Bodies a route with this (strict, object) body schema must refuse, by kind. */
function badBodies(schema: JsonSchema, where: string): [BadInputKind, fc.Arbitrary<unknown>][] {
  if (schema.type !== 'object' || schema.additionalProperties !== false)
    throw new Error(`the body of ${where} is not a strict object: an unknown key could be accepted`);
  const known = Object.keys(schema.properties ?? {});
  const notAnObject = fc.oneof(
    ...['array', 'number', 'string', 'boolean', 'null'].map((t) => VALUES_OF_TYPE[t]!),
  );
  const withUnknownKey = fc
    .record({
      extra: fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !known.includes(k)),
      value: anyJson,
      rest: fc.subarray(known).chain((keys) => fc.record(Object.fromEntries(keys.map((k) => [k, anyJson])))),
    })
    .map(({ extra, value, rest }) => ({ ...rest, [extra]: value }));
  const wrongTypes = Object.entries(schema.properties ?? {}).flatMap(([key, property]) => {
    const allowed = typesOf(property);
    const wrong = Object.keys(VALUES_OF_TYPE).filter((t) => allowed && !allowed.has(t));
    return wrong.map((t) => VALUES_OF_TYPE[t]!.map((value) => ({ [key]: value })));
  });
  const bodies: [BadInputKind, fc.Arbitrary<unknown>][] = [
    ['body: not an object', notAnObject],
    ['body: an unknown key', withUnknownKey],
  ];
  if (wrongTypes.length > 0) bodies.push(['body: a field of the wrong type', fc.oneof(...wrongTypes)]);
  return bodies;
}

/** Prototype poisoning is valid JSON, which the parser must refuse all the same. */
const POISONED = '{"__proto__": {"admin": true}}';
const notJson = fc
  .oneof(
    fc.constantFrom('', '{"a":', "{'a': 1}", '[1,]', 'NaN', 'undefined', POISONED),
    anyJson.map((v) => JSON.stringify(v).slice(0, -1)),
    fc.string(),
  )
  .filter((text) => {
    try {
      JSON.parse(text);
      return text === POISONED;
    } catch {
      return true;
    }
  });
const NOT_JSON_TYPES = [
  'text/plain',
  'text/html',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'garbage',
  '',
];
const wrongContentType = fc.record({
  type: fc.constantFrom(...NOT_JSON_TYPES),
  payload: fc.string({ minLength: 1 }),
});

/** Values a query parameter with this schema must refuse (none when any string would do). */
function badQueryValues(name: string, schema: JsonSchema): fc.Arbitrary<string> | null {
  const values: fc.Arbitrary<string>[] = [];
  const { minimum, maximum } = schema;
  if (schema.type === 'integer' || schema.type === 'number') {
    values.push(letters);
    if (minimum !== undefined) values.push(fc.integer({ min: 1, max: 1e6 }).map((k) => String(minimum - k)));
    if (maximum !== undefined) values.push(fc.integer({ min: 1, max: 1e6 }).map((k) => String(maximum + k)));
    if (schema.type === 'integer') values.push(fc.nat(100).map((n) => `${(minimum ?? 0) + n}.5`));
  }
  const allowed = schema.enum;
  if (allowed) values.push(fc.string({ maxLength: 20 }).filter((v) => !allowed.includes(v)));
  if (schema.format === 'date-time') values.push(letters);
  if (schema.type === 'string' && schema.maxLength !== undefined)
    values.push(fc.string({ minLength: schema.maxLength + 1, maxLength: schema.maxLength + 40 }));
  // A cursor the server never issued: it decodes to text with a `~`, which no cursor contains.
  if (name === 'cursor')
    values.push(fc.string({ maxLength: 40 }).map((s) => Buffer.from(`~${s}`).toString('base64url')));
  return values.length > 0 ? fc.oneof(...values) : null;
}

/** Path segments, URL-encoded or deliberately not, that name no row: too long, odd unicode, traversal, bad escapes. */
const badSegment = fc.oneof(
  // 65 to 301 characters, never a number: past every id's 64 and the router's 100.
  fc.string({ minLength: 64, maxLength: 300 }).map((s) => encodeURIComponent(`x${s}`)),
  fc
    .tuple(
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.constantFrom('ü', '😀', '\u202e', '中', '\u0000'),
    )
    .map(([s, odd]) => encodeURIComponent(s + odd)),
  fc.constantFrom('..', '%2e%2e', '..%2F..%2Fusers', '%00', '%', '%ZZ', '%C0%AF', '%2F', "'%20or%201%3D1--"),
);

type Refusal = (kind: BadInputKind, request: Pick<BadRequest, 'url' | 'headers' | 'payload'>) => BadRequest;

/** Bodies of the wrong shape, type or encoding (a route that declares no body must refuse any). */
function bodyCases(route: DeclaredRoute, op: Operation, url: string, refused: Refusal) {
  const cases: fc.Arbitrary<BadRequest>[] = [];
  if (route.method === 'GET') return cases; // a GET's body is never read
  const json = (kind: BadInputKind) => (v: unknown) =>
    refused(kind, { url, headers: JSON_HEADERS, payload: JSON.stringify(v) });
  const schema = op.requestBody?.content['application/json']?.schema;
  if (schema)
    for (const [kind, values] of badBodies(schema, routeLabel(route))) cases.push(values.map(json(kind)));
  else cases.push(anyJson.map(json('body: where none is taken')));
  cases.push(notJson.map((payload) => refused('body: not JSON', { url, headers: JSON_HEADERS, payload })));
  cases.push(
    wrongContentType.map(({ type, payload }) =>
      refused('body: not JSON content', { url, headers: { 'content-type': type }, payload }),
    ),
  );
  return cases;
}

/** Out-of-range query values, and path parameters that name nothing (the rest of the request is fine). */
function parameterCases(route: DeclaredRoute, op: Operation, rows: AddressableRows, refused: Refusal) {
  const url = addressOf(route, rows);
  const body = op.requestBody ? { headers: JSON_HEADERS, payload: '{}' } : { headers: {} };
  return (op.parameters ?? []).flatMap((param) => {
    if (param.in === 'path') {
      const at = (segment: string) => addressOf(route, rows, (p) => (p === param.name ? segment : undefined));
      return [badSegment.map((segment) => refused('path: names nothing', { url: at(segment), ...body }))];
    }
    const values = param.in === 'query' ? badQueryValues(param.name, param.schema) : null;
    if (!values) return [];
    const query = (v: string) => `${url}?${new URLSearchParams({ [param.name]: v })}`;
    return [values.map((v) => refused('query: an invalid value', { url: query(v), headers: {} }))];
  });
}

/**
 * Bad requests for one route, derived from what the OpenAPI document says it takes. A read that
 * takes no input at all is sent unknown query keys and a body instead, which it may ignore.
 */
export function badRequestsFor(
  route: DeclaredRoute,
  op: Operation,
  rows: AddressableRows,
): fc.Arbitrary<BadRequest> {
  const { method } = route;
  const refused: Refusal = (kind, request) => ({ kind, expect: 'refused', method, ...request });
  const url = addressOf(route, rows);
  const cases = [...bodyCases(route, op, url, refused), ...parameterCases(route, op, rows, refused)];
  if (cases.length > 0) return fc.oneof(...cases);
  return fc
    .record({ query: fc.dictionary(letters, fc.string(), { minKeys: 1, maxKeys: 3 }), body: anyJson })
    .map(({ query, body }) => ({
      kind: 'ignored: takes no input',
      expect: 'ignored',
      method,
      url: `${url}?${new URLSearchParams(query)}`,
      headers: JSON_HEADERS,
      payload: JSON.stringify(body),
    }));
}
