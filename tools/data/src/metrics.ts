import type { Action } from '@mmskills/core';
import { percent, textTable } from './text-table.js';

/** How one sample's first model turn compared with the expected one. */
export interface SampleScore {
  id: string;
  /** The skill of the expected first action, `none` when the sample expects a direct answer. */
  skill: string;
  expected: Action[];
  /** Undefined when the model's reply could not be read. */
  predicted?: Action[];
  selection: boolean;
  nameMatch: boolean;
  paramsMatch: boolean;
  validActions: number;
}

export interface Scores {
  samples: number;
  /** Share of samples whose set of called tools (or none) is the expected one. */
  toolSelection: number;
  /** Share of predicted actions that name a known tool with arguments its schema accepts; null without any. */
  argumentValidity: number | null;
  /** Share of samples whose list of API_name is exactly the expected one. */
  apiNameMatch: number;
  /** Share of samples whose actions, API_params included, are exactly the expected ones. */
  apiParamsMatch: number;
  predictedActions: number;
  validActions: number;
  unreadable: number;
}

/** JSON with object keys sorted, so that argument order never decides a match. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Compares a predicted first turn's actions with the expected ones. */
export function compareActions(
  expected: readonly Action[],
  predicted: readonly Action[] | undefined,
  isValid: (action: Action) => boolean,
): Pick<SampleScore, 'selection' | 'nameMatch' | 'paramsMatch' | 'validActions'> {
  if (!predicted) return { selection: false, nameMatch: false, paramsMatch: false, validActions: 0 };
  const names = (actions: readonly Action[]) => actions.map((action) => action.API_name);
  const set = (actions: readonly Action[]) => [...new Set(names(actions))].sort().join('\n');
  const nameMatch = names(expected).join('\n') === names(predicted).join('\n');
  return {
    selection: set(expected) === set(predicted),
    nameMatch,
    paramsMatch:
      nameMatch &&
      expected.every(
        (action, i) => canonicalJson(action.API_params) === canonicalJson(predicted[i]?.API_params ?? {}),
      ),
    validActions: predicted.filter(isValid).length,
  };
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** Sums sample scores into rates. */
export function summarise(scores: readonly SampleScore[]): Scores {
  const count = (test: (score: SampleScore) => boolean) => scores.filter(test).length;
  const predictedActions = scores.reduce((sum, score) => sum + (score.predicted?.length ?? 0), 0);
  const validActions = scores.reduce((sum, score) => sum + score.validActions, 0);
  return {
    samples: scores.length,
    toolSelection: share(
      count((score) => score.selection),
      scores.length,
    ),
    argumentValidity: predictedActions === 0 ? null : validActions / predictedActions,
    apiNameMatch: share(
      count((score) => score.nameMatch),
      scores.length,
    ),
    apiParamsMatch: share(
      count((score) => score.paramsMatch),
      scores.length,
    ),
    predictedActions,
    validActions,
    unreadable: count((score) => score.predicted === undefined),
  };
}

/** A plain-text table: one row per skill, then the overall row. */
export function formatTable(perSkill: Record<string, Scores>, overall: Scores): string {
  const header = [
    'skill',
    'samples',
    'tool selection',
    'argument validity',
    'API_name match',
    'API_params match',
    'unreadable',
  ];
  const row = (name: string, s: Scores) => [
    name,
    String(s.samples),
    percent(s.toolSelection),
    percent(s.argumentValidity),
    percent(s.apiNameMatch),
    percent(s.apiParamsMatch),
    String(s.unreadable),
  ];
  const rows = [
    header,
    ...Object.entries(perSkill).map(([name, s]) => row(name, s)),
    row('overall', overall),
  ];
  return textTable(rows);
}
