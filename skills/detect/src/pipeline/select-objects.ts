import { type Box, MmskillsError, nms } from '@mmskills/core';
import type { Candidate } from './detector.js';

/** A detected object as the tool reports it. */
export interface DetectedObject {
  label: string;
  score: number;
  box: Box;
}

/** What to keep of a detector's candidates. */
export interface Selection {
  /** Class indices to keep; all when undefined. */
  classes?: ReadonlySet<number>;
  maxResults: number;
  /** Boxes of one class overlapping more than this are the same object. */
  iouThreshold?: number;
}

const normal = (name: string) => name.trim().toLowerCase();

/**
 * Turns requested label names into class indices (case-insensitive).
 * @throws MmskillsError `invalid_argument` naming the unknown labels and every valid one.
 */
export function classIndices(requested: readonly string[], labels: readonly string[]): Set<number> {
  const index = new Map(labels.map((label, i) => [normal(label), i]));
  const unknown = requested.filter((name) => !index.has(normal(name)));
  if (unknown.length > 0) {
    const names = unknown.map((name) => `"${name}"`).join(', ');
    throw new MmskillsError(
      'invalid_argument',
      `unknown label${unknown.length > 1 ? 's' : ''} ${names}; valid labels: ${labels.join(', ')}`,
    );
  }
  return new Set(requested.map((name) => index.get(normal(name)) ?? -1));
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Keeps the wanted classes, suppresses duplicates per class (NMS), keeps the best `maxResults`,
 * names them and rounds them (boxes to 4 decimals, scores to 3). Best first.
 */
export function selectObjects(
  candidates: readonly Candidate[],
  labels: readonly string[],
  selection: Selection,
): DetectedObject[] {
  const { classes, maxResults, iouThreshold = 0.5 } = selection;
  const wanted = classes ? candidates.filter((c) => classes.has(c.classIndex)) : candidates;
  const kept = nms(wanted, iouThreshold, { maxResults, classOf: (c) => c.classIndex });
  return kept.map((c) => ({
    label: labels[c.classIndex] ?? `class ${c.classIndex}`,
    score: round(c.score, 3),
    box: c.box.map((v) => round(v, 4)) as Box,
  }));
}

/** One line for models that read text: "2 objects: cat 0.56 [0.01, 0.02, 0.98, 0.97]; …". */
export function describeObjects(objects: readonly DetectedObject[], minScore: number): string {
  if (objects.length === 0) return `No objects found with score ≥ ${minScore}.`;
  const parts = objects.map(
    (o) => `${o.label} ${o.score.toFixed(2)} [${o.box.map((v) => v.toFixed(2)).join(', ')}]`,
  );
  return `${objects.length} object${objects.length > 1 ? 's' : ''}: ${parts.join('; ')}`;
}
