import { ModelFileSchema as AnyModelFileSchema } from '@mmskills/core';
import { z } from 'zod';

// A file name becomes a path under the cache directory, so it may not climb out of it.
const FileNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.gguf$/, 'a plain *.gguf file name');

/** One downloadable GGUF file of a model (a skill model's file, named as a plain *.gguf). */
export const ModelFileSchema = AnyModelFileSchema.extend({ file: FileNameSchema });
export type ModelFile = z.infer<typeof ModelFileSchema>;

/** A vision model llama.cpp runs: the language model and its multimodal projector, from one repo. */
export const CatalogueEntrySchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lowercase letters, digits, dots and dashes'),
  title: z.string().min(1),
  repo: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'owner/name on Hugging Face'),
  revision: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/)
    .default('main'),
  licence: z.string().min(1),
  model: ModelFileSchema,
  mmproj: ModelFileSchema,
});
export type CatalogueEntry = z.infer<typeof CatalogueEntrySchema>;

/** A list of models with unique names. */
export const CatalogueSchema = z.array(CatalogueEntrySchema).superRefine((entries, context) => {
  const seen = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    if (seen.has(entry.name))
      context.addIssue({ code: 'custom', path: [index, 'name'], message: `duplicate name "${entry.name}"` });
    seen.add(entry.name);
  }
});
export type Catalogue = z.infer<typeof CatalogueSchema>;
export type CatalogueInput = z.input<typeof CatalogueSchema>;

/** Validates a catalogue; a bad one is a programming error, so the message names every issue. */
export function parseCatalogue(input: unknown): Catalogue {
  const parsed = CatalogueSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new TypeError(`invalid model catalogue: ${issues.join('; ')}`);
  }
  return parsed.data;
}

/** One file `pull` fetches: a path under the model's folder, with the size and sha256 when known. */
export interface PullFile {
  file: string;
  size?: number | undefined;
  sha256?: string | undefined;
}

/** What `pull` needs of any model, an LMM entry or a skill model: where its files come from and go. */
export interface PullTarget {
  name: string;
  repo: string;
  revision: string;
  licence: string;
  files: readonly PullFile[];
}

/** The files of an entry in download order. */
export function entryFiles(entry: CatalogueEntry): ModelFile[] {
  return [entry.model, entry.mmproj];
}

/** An LMM entry as a pull target. */
export function lmmTarget(entry: CatalogueEntry): PullTarget {
  return { ...entry, files: entryFiles(entry) };
}

/** Total bytes of some files, or undefined when a size is unknown. */
export function totalSize(files: readonly PullFile[]): number | undefined {
  let total = 0;
  for (const file of files) {
    if (file.size === undefined) return undefined;
    total += file.size;
  }
  return total;
}

/** Total bytes of an entry, or undefined when a size is unknown. */
export function entrySize(entry: CatalogueEntry): number | undefined {
  return totalSize(entryFiles(entry));
}

/** `<base>/<repo>/resolve/<revision>/<file>`, the Hugging Face download address (a mirror keeps it). */
export function fileUrl(
  baseUrl: string,
  target: Pick<PullTarget, 'repo' | 'revision'>,
  file: PullFile,
): string {
  return `${baseUrl.replace(/\/+$/, '')}/${target.repo}/resolve/${target.revision}/${file.file}`;
}
