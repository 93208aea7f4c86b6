// The generated catalogue and queries of bench/registry.ts.
export const TOOLS_PER_SKILL = 5;
export const VERBS = [
  'detect',
  'read',
  'segment',
  'count',
  'track',
  'caption',
  'classify',
  'measure',
  'blur',
  'crop',
  'match',
  'describe',
];
export const NOUNS = [
  'objects',
  'text',
  'faces',
  'people',
  'cars',
  'animals',
  'plants',
  'signs',
  'logos',
  'tables',
  'charts',
  'receipts',
];
export const QUERIES = [
  'read the text on this receipt',
  'find every car',
  'segment the people',
  'blur faces',
  'count animals in the photo',
  'classify plants',
  'describe the chart',
  'detect logos',
  'crop the table',
  'track objects',
];

// Distinct requests as the host sends them (a user's question): 1–4 content words among stop words.
const FILLERS = ['the', 'in this photo', 'please', 'all', 'image', 'every', 'and', 'on the page'];
export function variedQuery(i: number): string {
  const pick = <T>(list: readonly T[], n: number) => list[(i * 31 + n * 17 + (i >> n)) % list.length] as T;
  const words = [pick(VERBS, 1), pick(FILLERS, 2), pick(NOUNS, 3)];
  if (i % 3 === 0) words.push(pick(FILLERS, 4), pick(NOUNS, 5));
  if (i % 5 === 0) words.push('with', pick(VERBS, 6), 'scores');
  return words.join(' ');
}

export function manifest(i: number) {
  const name = `io.github.bench/skill-${i}`;
  const tools = Array.from({ length: TOOLS_PER_SKILL }, (_, j) => {
    const verb = VERBS[(i + j) % VERBS.length] as string;
    const noun = NOUNS[(i * 7 + j * 3) % NOUNS.length] as string;
    return {
      name: `${verb}_${noun}_${j}`,
      title: `${verb} ${noun}`,
      description: `Uses model ${i} to ${verb} ${noun} in an image and returns boxes and scores.`,
      inputSchema: {
        type: 'object',
        properties: { image: { type: 'string', description: 'the image' }, min_score: { type: 'number' } },
        required: ['image'],
      },
    };
  });
  const server = {
    name,
    description: `Benchmark skill ${i}`,
    version: '1.0.0',
    packages: [
      {
        registryType: 'npm',
        identifier: `@bench/skill-${i}`,
        version: '1.0.0',
        transport: { type: 'stdio' },
      },
    ],
  };
  return { server, tools };
}
