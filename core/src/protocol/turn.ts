import { z } from 'zod';

/** The three markers that open the parts of a rendered turn, without their surrounding quotes. */
export const TurnMarker = {
  thoughts: 'thoughts🤔',
  actions: 'actions🚀',
  value: 'value👉',
} as const;

/** Tool names a turn may call: 1–64 characters of `A-Z a-z 0-9 _ -`. */
export const ApiNamePattern = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * One tool call of a turn, as LLaVA-Plus writes it.
 * @see ARCHITECTURE.md "The unified format"
 */
export const ActionSchema = z.object({
  API_name: z.string().regex(ApiNamePattern, 'API_name must be 1–64 characters of A-Z a-z 0-9 _ -'),
  API_params: z.record(z.string(), z.unknown()).default({}),
});
export type Action = z.infer<typeof ActionSchema>;

/**
 * An assistant turn: `actions: []` answers directly, and `value` is what the user sees.
 * @see ARCHITECTURE.md "The unified format"
 */
export const TurnSchema = z.object({
  thoughts: z.string(),
  actions: z.array(ActionSchema),
  value: z.string(),
});
export type Turn = z.infer<typeof TurnSchema>;
