/** One agent event as the host streams it. */
export type AgentEvent = {
  type: string;
  /** An `action` event's calls. */
  actions?: Array<{ API_name: string }>;
  API_name?: string;
  isError?: boolean;
  output?: unknown;
  text?: string;
  message?: string;
};

/** Opens a conversation, sends one message and reads the server-sent events until the stream ends. */
export async function chatOnce(url: string, body: unknown): Promise<{ id: string; events: AgentEvent[] }> {
  const { id } = (await (await fetch(`${url}/v1/conversations`, { method: 'POST' })).json()) as {
    id: string;
  };
  const response = await fetch(`${url}/v1/conversations/${id}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const events = [...text.matchAll(/^data: (.*)$/gm)].map(
    (match) => JSON.parse(match[1] ?? '{}') as AgentEvent,
  );
  return { id, events: events.filter((event) => event.type) };
}
