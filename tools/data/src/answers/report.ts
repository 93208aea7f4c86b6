import { percent, textTable } from '../text-table.js';
import type { ItemResult } from './run.js';

/** The numbers over a group of items (a category, or all of them). */
export interface AnswerScores {
  items: number;
  /** Share of items answered right. */
  accuracy: number;
  /** Items that name expected tools, and the share of those where the model called one. */
  toolItems: number;
  toolUse: number | null;
  meanSteps: number;
  promptTokens: number;
  completionTokens: number;
  meanMs: number;
  /** Items the host's loop stopped (step limit, repeated calls), and items where the model failed or could not be read. */
  stopped: number;
  errors: number;
}

export interface AnswerReport {
  overall: AnswerScores;
  perCategory: Record<string, AnswerScores>;
  items: ItemResult[];
  table: string;
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

export function scoreGroup(results: readonly ItemResult[]): AnswerScores {
  const withTools = results.filter((result) => result.toolUse !== null);
  return {
    items: results.length,
    accuracy: mean(results.map((result) => (result.correct ? 1 : 0))),
    toolItems: withTools.length,
    toolUse: withTools.length === 0 ? null : mean(withTools.map((result) => (result.toolUse ? 1 : 0))),
    meanSteps: mean(results.map((result) => result.steps)),
    promptTokens: sum(results.map((result) => result.promptTokens)),
    completionTokens: sum(results.map((result) => result.completionTokens)),
    meanMs: Math.round(mean(results.map((result) => result.ms))),
    stopped: results.filter((result) => result.ended === 'stopped').length,
    errors: results.filter((result) => result.ended === 'error').length,
  };
}

/** A plain-text table, one row per category then `overall`; tokens and time are means per item. */
export function formatAnswerTable(perCategory: Record<string, AnswerScores>, overall: AnswerScores): string {
  const header = [
    'category',
    'items',
    'accuracy',
    'tool use',
    'steps',
    'prompt tok/item',
    'completion tok/item',
    'ms/item',
    'stopped',
    'errors',
  ];
  const row = (name: string, s: AnswerScores) => [
    name,
    String(s.items),
    percent(s.accuracy),
    s.toolUse === null ? '—' : `${percent(s.toolUse)} of ${s.toolItems}`,
    s.meanSteps.toFixed(1),
    String(Math.round(s.promptTokens / Math.max(1, s.items))),
    String(Math.round(s.completionTokens / Math.max(1, s.items))),
    String(s.meanMs),
    String(s.stopped),
    String(s.errors),
  ];
  const rows = [
    header,
    ...Object.entries(perCategory).map(([name, s]) => row(name, s)),
    row('overall', overall),
  ];
  return textTable(rows);
}

/** Groups item results by category (sorted) and overall, with the table. */
export function summariseAnswers(results: ItemResult[]): AnswerReport {
  const categories = [...new Set(results.map((result) => result.category))].sort();
  const perCategory = Object.fromEntries(
    categories.map((category) => [
      category,
      scoreGroup(results.filter((result) => result.category === category)),
    ]),
  );
  const overall = scoreGroup(results);
  return { overall, perCategory, items: results, table: formatAnswerTable(perCategory, overall) };
}
