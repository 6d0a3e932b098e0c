import { z } from 'zod';
import { CATEGORIES, LEVELS } from '../risk.ts';
import { RuleSchema } from '../policy/schema.ts';

/**
 * One data file: data/servers/<server-slug>.json. Tools keep the shape MCP `tools/list` returns;
 * unknown keys are tolerated (servers add `_meta`, `execution`...), as MCP clients do. The loader
 * (`src/core/catalog/normalise-tool.ts`) first reads nulls as absent and cuts what cannot be rendered.
 */

const jsonObject = z.record(z.string(), z.unknown());

export const AnnotationsSchema = z.looseObject({
  title: z.string().optional(),
  readOnlyHint: z.boolean().optional(),
  destructiveHint: z.boolean().optional(),
  idempotentHint: z.boolean().optional(),
  openWorldHint: z.boolean().optional(),
});
export type Annotations = z.output<typeof AnnotationsSchema>;

/** MCP's Icon (2025-11-25): kept as sent; only `displayableIcons` decides what a page shows. */
export const IconSchema = z.looseObject({
  src: z.string(),
  mimeType: z.string().optional(),
  sizes: z.array(z.string()).optional(),
  theme: z.string().optional(),
});
export type Icon = z.output<typeof IconSchema>;

export const FaqEntrySchema = z.strictObject({
  question: z.string().min(1),
  answer: z.string().min(1),
});
export type FaqEntry = z.output<typeof FaqEntrySchema>;

export const ToolOverridesSchema = z.strictObject({
  category: z.enum(CATEGORIES).optional(),
  level: z.enum(LEVELS).optional(),
  rationale: z.string().min(1).optional(),
  faq: z.array(FaqEntrySchema).optional(),
  policy: RuleSchema.optional(),
});
export type ToolOverrides = z.output<typeof ToolOverridesSchema>;

const isoDate = z.iso.date('must be an ISO date (YYYY-MM-DD)');

/** The definition fields a history entry may keep (the name never changes: it is what identifies the tool). */
export const HISTORY_FIELDS = ['title', 'description', 'inputSchema', 'outputSchema', 'annotations'] as const;

/**
 * One earlier definition, written by `policy-atlas import` when a tool changed: the date the change
 * was seen, and the values the changed fields had until then. Only changed fields are kept; one that
 * the tool did not have before is listed in `absent`.
 */
export const HistoryEntrySchema = z.strictObject({
  date: isoDate,
  title: z.string().optional(),
  description: z.string().optional(),
  inputSchema: jsonObject.optional(),
  outputSchema: jsonObject.optional(),
  annotations: AnnotationsSchema.optional(),
  absent: z.array(z.enum(HISTORY_FIELDS)).optional(),
});
export type HistoryEntry = z.output<typeof HistoryEntrySchema>;

export const ToolSchema = z.looseObject({
  // Kept exactly as sent, spaces included: a policy key must match what the gateway sees.
  name: z.string().min(1, 'a tool needs a non-empty name'),
  title: z.string().optional(),
  description: z.string().optional(),
  // Real servers send `{}` or only `{"$schema": ...}`: any object renders, so any object passes.
  inputSchema: jsonObject.optional(),
  outputSchema: jsonObject.optional(),
  annotations: AnnotationsSchema.optional(),
  icons: z.array(IconSchema).optional(),
  overrides: ToolOverridesSchema.optional(),
  // Written by `policy-atlas import`: a fingerprint of the definition, to tell what changed between imports.
  hash: z
    .string()
    .regex(/^[0-9a-f]{12}$/, 'must be 12 lowercase hex digits (written by policy-atlas import)')
    .optional(),
  firstSeen: isoDate.optional(),
  lastChanged: isoDate.optional(),
  // Written by `policy-atlas import`: earlier definitions, newest first, the last few only.
  history: z.array(HistoryEntrySchema).optional(),
});
export type Tool = z.output<typeof ToolSchema>;

/** The transports and package registries we know; others are kept as sent, with a warning (normalise.ts). */
export const TRANSPORTS = ['stdio', 'streamable-http', 'sse'] as const;
// npm to mcpb: the MCP registry's package types (server.json `registryType`).
export const REGISTRIES = ['npm', 'pypi', 'oci', 'nuget', 'mcpb', 'docker', 'other'] as const;

/** A server slug: its data file's name and its pages' path segment. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_RULE = 'lowercase letters, digits and single dashes';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/**
 * Where `policy-atlas import --config` found the server: the client, the name the server has there
 * (the key of its entry, which the client's tool names and permissions use), and how the client
 * starts it. Only names of variables and headers are kept, never their values.
 */
export const ServerSourceSchema = z.strictObject({
  client: z.string().min(1),
  name: z.string().min(1),
  /** The configuration file, with the home folder written as `~`. */
  config: z.string().min(1).optional(),
  /** Claude Code: the project folder whose `mcpServers` list the server. */
  project: z.string().min(1).optional(),
  command: z.string().min(1).optional(),
  /** As the configuration writes them: `${VAR}` references kept, credentials written in full replaced. */
  args: z.array(z.string()).optional(),
  /** Credentials in it replaced. */
  url: z.string().min(1).optional(),
  /** Names of the environment variables the server gets or the configuration refers to. */
  env: z.array(z.string()).optional(),
  /** Names of the HTTP headers sent. */
  headers: z.array(z.string()).optional(),
});
export type ServerSource = z.output<typeof ServerSourceSchema>;

export const ServerFileSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().trim().min(1),
  slug: z.string().regex(SLUG_PATTERN, `must be ${SLUG_RULE}`).optional(),
  description: z.string().max(500, 'keep the short description under 500 characters').optional(),
  homepage: httpUrl.optional(),
  repository: httpUrl.optional(),
  // Loose, as the MCP registry's packages carry more (version, runtimeHint...): kept, not shown.
  package: z
    .looseObject({
      registry: z.string().min(1).optional(),
      name: z.string().min(1),
    })
    .optional(),
  transport: z.array(z.string().min(1)).min(1).optional(),
  // What the server's serverInfo carried, as tools carry theirs.
  icons: z.array(IconSchema).optional(),
  // The rest of MCP's serverInfo, as catalogs made from `initialize` answers carry it: kept, not shown.
  title: z.string().optional(),
  version: z.string().optional(),
  websiteUrl: z.string().optional(),
  source: ServerSourceSchema.optional(),
  tools: z.array(ToolSchema),
});
export type ServerFile = z.output<typeof ServerFileSchema>;
